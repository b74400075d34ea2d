using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace GroundTruth.Portal.Features.Labeling;

public sealed partial class SpanTask : IAsyncDisposable
{
    private ElementReference _host;
    private IJSObjectReference? _module;
    private IJSObjectReference? _annotator;
    private DotNetObjectReference<SpanTask>? _self;
    private string? _loadError;

    [Parameter, EditorRequired]
    public required TaskForWorker Task { get; set; }

    /// <summary>Receives the answer, <c>{"crowd-entity-annotation":{"entities":[…]}}</c>.</summary>
    [Parameter]
    public EventCallback<JsonObject> OnSubmit { get; set; }

    /// <summary>Receives the work in progress as <c>{"entities":[…]}</c>, at most every few seconds.</summary>
    [Parameter]
    public EventCallback<string> OnDraft { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    [Parameter]
    public string? Message { get; set; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Labeling/SpanTask.razor.js");
            _annotator = await _module.InvokeAsync<IJSObjectReference>("create", _host, _self, new
            {
                text = Task.Text ?? "",
                labels = Task.Labels.Select(l => new { label = l.Label, shortDisplayName = l.ShortDisplayName }),
                initialValue = InitialValue(),
            });
            StateHasChanged();
        }
        catch (JSException ex)
        {
            _loadError = $"The text could not be shown: {ex.Message}";
            StateHasChanged();
        }
    }

    [JSInvokable]
    public Task SaveDraftAsync(JsonElement result) => OnDraft.InvokeAsync(result.GetRawText());

    [JSInvokable]
    public Task SubmitAsync(JsonElement result) => Disabled ? System.Threading.Tasks.Task.CompletedTask : SubmitResultAsync(result.GetRawText());

    private async Task SubmitFromButtonAsync()
    {
        if (_annotator is not null && !Disabled)
        {
            await SubmitResultAsync((await _annotator.InvokeAsync<JsonElement>("getResult")).GetRawText());
        }
    }

    private Task SubmitResultAsync(string resultJson)
    {
        // The annotator's result is {"entities":[…]}; the answer wraps it in the crowd element's name.
        var result = JsonNode.Parse(resultJson) as JsonObject ?? [];
        return OnSubmit.InvokeAsync(new JsonObject { [TextSpanAnswer.Element] = result.DeepClone() });
    }

    /// <summary>The saved draft when there is one, else the manifest line's pre-annotations.</summary>
    private JsonNode InitialValue()
    {
        if (Task.DraftJson is { } draft)
        {
            try
            {
                if (JsonNode.Parse(draft) is { } node)
                {
                    return node;
                }
            }
            catch (JsonException)
            {
                // A draft the tool cannot read is dropped; the worker starts again from the pre-annotations.
            }
        }

        return TextSpanAnswer.ToJson(TextSpanAnswer.ReadPreAnnotations(Task.ManifestLine, Task.PreAnnotationsAttribute));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_annotator is not null)
            {
                await _annotator.InvokeVoidAsync("destroy");
                await _annotator.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's objects with it.
        }

        _self?.Dispose();
    }
}
