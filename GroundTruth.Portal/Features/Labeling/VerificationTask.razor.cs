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
    private DotNetObjectReference<VerificationTask>? _self;
    private bool _loaded;
    private string? _loadProblem;
    private string? _selected;
    private string? _comment;
    private int _opacity = 100;
    private int _shownOpacity = 100;

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

    [Inject]
    public required Images.TileService Tiles { get; init; }

    private TaskTypeDescriptor Type => TaskTypes.Get(Task.TaskType);

    private IReadOnlyList<ImageShape> Shapes { get; set; } = [];

    private bool IsMask => Type.ReviewsMask;

    /// <summary>For a mask, its classes and colours, from the initial value's <c>labelMappings</c>.</summary>
    private IReadOnlyList<OverlayClass> MaskClasses { get; set; } = [];

    protected override void OnParametersSet()
    {
        var element = Task.EarlierLabelsJson is { } json ? JsonNode.Parse(json) as JsonObject : null;
        Shapes = element is not null && Type.ReviewedShape is { } kind ? ImageShapeAnswer.Read(kind, element) : [];
        MaskClasses = IsMask && element?["labelMappings"] is JsonObject mappings
            ? [.. mappings.Select(p => new OverlayClass(p.Key, p.Value?["color"]?.GetValue<string>() ?? "#000000"))]
            : [];
    }

    /// <summary>
    /// The earlier classes with their colours. Boxes take the colour of their <c>class_id</c> in the earlier line's
    /// class map, which is the colour the earlier job's canvas (and an adjustment job with the same labels) gave them,
    /// the same on every task; classes the map does not name (polygons have none) follow in first-seen order.
    /// </summary>
    private object[] ShapeLabels()
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Task.PreAnnotationsAttribute is { } attribute && ParseLine()?[attribute + "-metadata"]?["class-map"] is JsonObject map)
        {
            foreach (var (key, name) in map)
            {
                if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                    && name is JsonValue value && value.TryGetValue<string>(out var className))
                {
                    indexes.TryAdd(className, index);
                }
            }
        }

        var next = indexes.Count == 0 ? 0 : indexes.Values.Max() + 1;
        return [.. Shapes.Select(s => s.Label).Distinct(StringComparer.Ordinal)
            .Select(name => (object)new { label = name, color = SegmentationPalette.ColorOf(indexes.TryGetValue(name, out var i) ? i : next++) })];
    }

    private JsonObject? ParseLine()
    {
        try
        {
            return JsonNode.Parse(Task.ManifestLine) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private string MaskSummary => MaskClasses.Count switch
    {
        _ when Task.EarlierLabelsJson is null => "The earlier mask could not be read.",
        1 => "The earlier job's mask is painted over the image in the colour of its 1 class.",
        0 => "The earlier mask has no classes to show.",
        var n => $"The earlier job's mask is painted over the image, one colour per class ({n} classes).",
    };

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
        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Labeling/VerificationTask.razor.js");
        _view = await _module.InvokeAsync<IJSObjectReference>("create", _host, new
        {
            taskType = IsMask ? "semanticSegmentation" : Type.ReviewedShape == ShapeKind.Polygon ? "polygon" : "boundingBox",
            labels = IsMask
                ? MaskClasses.Select(c => (object)new { label = c.Name, color = c.Color }).ToArray()
                : ShapeLabels(),
            image = new
            {
                url = Task.ContentUrl,
                width = Task.Width,
                height = Task.Height,
                tiles = Tiles.ShouldTile(Task.Width, Task.Height) ? $"{Task.ContentUrl}/tiles" : null,
            },
            annotations = Task.EarlierLabelsJson,
        }, _self);
    }

    /// <summary>Called by the browser once the image and the earlier labels are shown: only then may a verdict be given.</summary>
    [JSInvokable]
    public Task LoadedAsync()
    {
        _loaded = true;
        StateHasChanged();
        return System.Threading.Tasks.Task.CompletedTask;
    }

    /// <summary>Called by the browser when the image or the earlier labels cannot be shown; no verdict can be given.</summary>
    [JSInvokable]
    public Task LoadFailedAsync(string message)
    {
        _loadProblem = $"{message} The earlier labels cannot be judged without it: reload the page, or decline the task.";
        StateHasChanged();
        return System.Threading.Tasks.Task.CompletedTask;
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
        else if (IsMask && e.Key is "o" or "O")
        {
            // Hide the mask to see the image underneath, and bring it back at the opacity it had.
            await SetOpacityAsync(_opacity > 0 ? 0 : Math.Max(_shownOpacity, 10));
        }
    }

    private async Task SetOpacityAsync(int opacity)
    {
        if (_opacity > 0)
        {
            _shownOpacity = _opacity;
        }

        _opacity = opacity;
        if (_view is not null)
        {
            await _view.InvokeVoidAsync("setMaskOpacity", opacity / 100.0);
        }
    }

    private async Task SubmitAsync()
    {
        if (!Disabled && _loaded && _selected is not null)
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

        _self?.Dispose();
    }
}
