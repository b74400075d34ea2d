using System.Globalization;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace GroundTruth.Portal.Features.Labeling;

public sealed partial class AnnotationCanvas : IAsyncDisposable
{
    private ElementReference _host;
    private IJSObjectReference? _module;
    private IJSObjectReference? _view;
    private DotNetObjectReference<AnnotationCanvas>? _self;
    private string _draftStatus = "";
    private bool _ready;
    private bool _submitted;
    private string? _browserMessage;

    [Parameter, EditorRequired]
    public required TaskForWorker Task { get; set; }

    /// <summary>Raised with the answer content, <c>{"&lt;crowd element&gt;": result}</c>.</summary>
    [Parameter]
    public EventCallback<JsonObject> OnSubmit { get; set; }

    /// <summary>Raised with the element output as JSON, at most every few seconds while the worker edits.</summary>
    [Parameter]
    public EventCallback<string> OnDraft { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    [Parameter]
    public string? Message { get; set; }

    /// <summary>Shapes shown when no draft exists (an earlier job's labels for adjustment), in the element's output shape.</summary>
    [Parameter]
    public string? InitialAnnotations { get; set; }

    [Inject]
    public required Images.TileService Tiles { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    private TaskTypeDescriptor Type => TaskTypes.Get(Task.TaskType);

    private string Prompt => Adjusts
        ? IsSegmentation ? "Correct the earlier mask" : "Correct the earlier labels"
        : AnnotatorTaskType switch
        {
            "boundingBox" => "Draw a box around every object",
            "polygon" => "Outline every object",
            "polyline" => "Trace every line",
            "semanticSegmentation" => "Paint every region with its label",
            _ => "Mark every point",
        };

    private bool Adjusts => Type.Review == Core.Review.ReviewKind.Adjustment;

    private string Help => Adjusts && IsSegmentation
        ? "The earlier mask is painted in. Choose a label (keys 1–9) and paint over what is wrong: S brush, E eraser, F polygon fill, [ ] brush size. Wheel or +/− zooms, space-drag pans, ? lists every shortcut."
        : Adjusts
        ? $"Click a shape to select it, then drag it or its handles; keys 1–9 relabel it and Delete removes it. {(AnnotatorTaskType == "polygon" ? "P draws a new polygon" : "B draws a new box")}, V selects again. Wheel or +/− zooms, space-drag pans, ? lists every shortcut."
        : IsSegmentation
            ? "Choose a label (keys 1–9), then paint: S brush, E eraser, F polygon fill, [ ] brush size. Wheel or +/− zooms, space-drag pans, ? lists every shortcut."
            : "Choose a label (keys 1–9), then draw on the image. Wheel or +/− zooms, space-drag pans, ? lists every shortcut.";

    private bool IsSegmentation => Type.PaintsMask;

    private string? ShownMessage => Message ?? _browserMessage;

    // Segmentation labels carry the fixed palette colours the mask PNGs and the output's internal-color-map use.
    // Label i has palette colour i for every task type: a mask's palette, and the colour the job page and the
    // verification overlay give class i, agree with the canvas however many labels there are.
    private object[] AnnotatorLabels => [.. Task.Labels.Select((l, i) => (object)new { label = l.Label, color = SegmentationPalette.ColorOf(i) })];

    // The annotator's name for the tool set of each task type.
    private string AnnotatorTaskType => Type.CrowdElement switch
    {
        "crowd-polygon" => "polygon",
        "crowd-polyline" => "polyline",
        "crowd-keypoint" => "keypoint",
        "crowd-semantic-segmentation" => "semanticSegmentation",
        _ => "boundingBox",
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Labeling/AnnotationCanvas.razor.js");
        _view = await _module.InvokeAsync<IJSObjectReference>("create", _host, new
        {
            taskType = AnnotatorTaskType,
            labels = AnnotatorLabels,
            image = new
            {
                url = Task.ContentUrl,
                width = Task.Width,
                height = Task.Height,
                tiles = Tiles.ShouldTile(Task.Width, Task.Height) ? $"{Task.ContentUrl}/tiles" : null,
            },
            annotations = Task.DraftJson ?? InitialAnnotations,
            maskUrl = IsSegmentation ? $"/api/tasks/{Task.TaskId}/mask" : null,

            // Adjusting shapes starts with editing what is there; drawing and painting start with the drawing tool.
            tool = Adjusts && !IsSegmentation ? "select" : null,
        }, _self);
    }

    /// <summary>
    /// Called by the browser once the image and the annotations the task starts from are loaded: only then can the
    /// answer be submitted.
    /// </summary>
    [JSInvokable]
    public Task LoadedAsync()
    {
        _ready = true;
        if (Task.DraftJson is not null)
        {
            _draftStatus = "Your saved draft was restored.";
        }

        StateHasChanged();
        return System.Threading.Tasks.Task.CompletedTask;
    }

    /// <summary>Called by the annotator, debounced, after edits.</summary>
    [JSInvokable]
    public async Task SaveDraftAsync(string resultJson)
    {
        // A draft that arrives after the submit would only fail: the task is no longer live.
        if (_submitted)
        {
            return;
        }

        await OnDraft.InvokeAsync(resultJson);
        _browserMessage = null;
        _draftStatus = $"Draft saved at {Time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}.";
        StateHasChanged();
    }

    /// <summary>Called by the annotator on Ctrl+Enter or the Submit button, with the element output.</summary>
    [JSInvokable]
    public async Task SubmitAsync(string resultJson)
    {
        if (Disabled || JsonNode.Parse(resultJson) is not JsonObject result)
        {
            return;
        }

        _submitted = true;
        await OnSubmit.InvokeAsync(new JsonObject { [Type.CrowdElement] = result });

        // A rejected answer leaves the task live, and the worker goes on editing.
        _submitted = false;
    }

    /// <summary>
    /// Called by the browser with a problem the worker must see: the server refused the uploaded mask (size, labels,
    /// not a PNG), or the image or the earlier labels did not load, so there is nothing to submit.
    /// </summary>
    [JSInvokable]
    public Task ReportProblemAsync(string message)
    {
        _browserMessage = message;
        StateHasChanged();
        return System.Threading.Tasks.Task.CompletedTask;
    }

    private async Task RequestSubmitAsync()
    {
        if (_view is not null)
        {
            await _view.InvokeVoidAsync("requestSubmit");
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
