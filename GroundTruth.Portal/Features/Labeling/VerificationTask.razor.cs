using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace GroundTruth.Portal.Features.Labeling;

public sealed partial class VerificationTask : IAsyncDisposable
{
    private ElementReference _root;
    private ElementReference _host;
    private IJSObjectReference? _module;
    private IJSObjectReference? _view;
    private string? _selected;
    private string? _comment;

    [Parameter, EditorRequired]
    public required TaskForWorker Task { get; set; }

    /// <summary>Raised with the answer, <c>{"crowd-image-classifier":{"label", "workerComment"?}}</c>.</summary>
    [Parameter]
    public EventCallback<JsonObject> OnSubmit { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    [Parameter]
    public string? Message { get; set; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    private TaskTypeDescriptor Type => TaskTypes.Get(Task.TaskType);

    private IReadOnlyList<ImageShape> Shapes { get; set; } = [];

    protected override void OnParametersSet() =>
        Shapes = Task.EarlierLabelsJson is { } json && Type.ReviewedShape is { } kind && JsonNode.Parse(json) is JsonObject element
            ? ImageShapeAnswer.Read(kind, element)
            : [];

    private string ShapeSummary => Shapes.Count switch
    {
        0 => "The earlier job drew nothing on this image.",
        1 => "The earlier job drew 1 shape, outlined on the image.",
        var n => $"The earlier job drew {n} shapes, outlined on the image.",
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        await _root.FocusAsync();
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Labeling/VerificationTask.razor.js");
        _view = await _module.InvokeAsync<IJSObjectReference>("create", _host, new
        {
            taskType = Type.ReviewedShape == ShapeKind.Polygon ? "polygon" : "boundingBox",
            labels = Shapes.Select(s => s.Label).Distinct(StringComparer.Ordinal).ToArray(),
            image = new { url = Task.ContentUrl, width = Task.Width, height = Task.Height },
            annotations = Task.EarlierLabelsJson,
        });
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (Disabled || e.CtrlKey || e.AltKey || e.MetaKey)
        {
            return;
        }

        if (e.Key is "Enter" or "NumpadEnter")
        {
            await SubmitAsync();
        }
        else if (e.Key.Length == 1 && e.Key[0] is >= '1' and <= '9' && e.Key[0] - '1' < Task.Labels.Count)
        {
            _selected = Task.Labels[e.Key[0] - '1'].Label;
        }
    }

    private async Task SubmitAsync()
    {
        if (!Disabled && _selected is not null)
        {
            await OnSubmit.InvokeAsync(VerificationAnswer.Create(Type, _selected, _comment));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_view is not null)
            {
                await _view.InvokeVoidAsync("destroy");
                await _view.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser with it.
        }
    }
}
