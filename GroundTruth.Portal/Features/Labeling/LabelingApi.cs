using System.Globalization;
using System.Security.Claims;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Storage;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Labeling;

/// <summary>A submit: <c>labels</c> for classification, or <c>answer</c> in the crowd element's output shape.</summary>
public sealed record SubmitRequest(IReadOnlyList<string>? Labels, System.Text.Json.Nodes.JsonObject? Answer);

/// <summary>The worker's REST API (claim, submit, decline, release) and the guarded data-object content endpoint.</summary>
public static class LabelingApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapLabelingApi(this IEndpointRouteBuilder endpoints)
    {
        var work = endpoints.MapGroup("/api").RequireAuthorization(Policies.DoWork).DisableAntiforgery();

        work.MapGet("/work/jobs", async (HttpContext http, LabelingService labeling, CancellationToken ct) =>
            Results.Ok(await labeling.GetAvailableJobsAsync(UserId(http.User), ct)));

        work.MapPost("/jobs/{jobId:guid}/tasks/claim", async (Guid jobId, HttpContext http, LabelingService labeling, CancellationToken ct) =>
            await labeling.ClaimNextAsync(jobId, UserId(http.User), ct) is { } taskId
                ? Results.Ok(await labeling.GetTaskAsync(taskId, UserId(http.User), ct))
                : Results.NoContent());

        work.MapGet("/tasks/{taskId:long}", async (long taskId, HttpContext http, LabelingService labeling, CancellationToken ct) =>
            await labeling.GetTaskAsync(taskId, UserId(http.User), ct) is { } task ? Results.Ok(task) : Results.NotFound());

        work.MapPost("/tasks/{taskId:long}/submit", async (long taskId, SubmitRequest request, HttpContext http, LabelingService labeling, CancellationToken ct) =>
            ToResult(request.Answer is { } answer
                ? await labeling.SubmitAnswerAsync(taskId, UserId(http.User), answer, ct)
                : await labeling.SubmitAsync(taskId, UserId(http.User), request.Labels ?? [], ct)));

        work.MapPut("/tasks/{taskId:long}/draft", async (long taskId, System.Text.Json.JsonElement draft, HttpContext http, LabelingService labeling, CancellationToken ct) =>
            await labeling.SaveDraftAsync(taskId, UserId(http.User), draft.GetRawText(), ct) ? Results.NoContent() : Results.NotFound());

        // Segmentation masks travel out of band (the circuit's message cap is far below a mask's size): the page PUTs
        // the palette PNG here. A cross-site page cannot send a PUT of image/png without a CORS preflight, which is
        // refused, and cookies are SameSite=Lax; only the worker holding the live task gets past the resource check.
        work.MapPut("/tasks/{taskId:long}/mask", async (long taskId, HttpContext http, SegmentationMaskService masks, CancellationToken ct) =>
        {
            var outcome = await masks.UploadAsync(taskId, UserId(http.User), http.Request.Body, ct);
            return outcome.Kind switch
            {
                TaskOutcomeKind.Accepted => Results.NoContent(),
                TaskOutcomeKind.NotFound => Results.NotFound(outcome),
                _ => Results.UnprocessableEntity(outcome),
            };
        }).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Core.Segmentation.SegmentationMask.MaxBytes + (1024 * 1024)));

        work.MapGet("/tasks/{taskId:long}/mask", async (long taskId, HttpContext http, SegmentationMaskService masks, CancellationToken ct) =>
        {
            var stream = await masks.OpenAsync(taskId, UserId(http.User), ct);
            if (stream is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.Stream(stream, "image/png");
        });

        work.MapPost("/tasks/{taskId:long}/decline", async (long taskId, HttpContext http, LabelingService labeling, CancellationToken ct) =>
            ToResult(await labeling.DeclineAsync(taskId, UserId(http.User), ct)));

        work.MapPost("/tasks/{taskId:long}/release", async (long taskId, HttpContext http, LabelingService labeling, CancellationToken ct) =>
            ToResult(await labeling.ReleaseAsync(taskId, UserId(http.User), ct)));

        endpoints.MapGet("/api/data-objects/{id:long}/content", GetContentAsync).RequireAuthorization();
        endpoints.MapGet("/api/data-objects/{id:long}/tiles", GetTileLayoutAsync).RequireAuthorization();
        endpoints.MapGet("/api/data-objects/{id:long}/tiles/{level:int}/{column:int}/{row:int}", GetTileAsync).RequireAuthorization();
        endpoints.MapGet("/api/jobs/{jobId:guid}/examples/{index:int}", GetExampleAsync).RequireAuthorization();
        return endpoints;
    }

    /// <summary>
    /// Serves a data object to its job's requester (or an admin), or to a worker holding a live task for it; to
    /// anyone else it does not exist.
    /// </summary>
    private static async Task<IResult> GetContentAsync(
        long id, HttpContext http, Microsoft.EntityFrameworkCore.IDbContextFactory<GroundTruthDbContext> dbFactory,
        LabelingService labeling, IObjectStore store, Audit.AuditLog audit, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var row = await VisibleObjectAsync(id, caller, dbFactory, labeling, ct);
        if (row is null)
        {
            return Results.NotFound();
        }

        await audit.RecordForAsync(Core.Audit.AuditActions.DataObjectViewed, caller.UserId, id.ToString(CultureInfo.InvariantCulture), row.Source, ct);
        http.Response.Headers.CacheControl = "private, max-age=300";
        if (TaskTypes.Get(row.TaskType).DataKind == DataKind.Text)
        {
            return Results.Text(row.Source, "text/plain; charset=utf-8");
        }

        var stream = await store.OpenReadAsync(row.Source, ct);
        if (stream is null)
        {
            return Results.Problem($"The file '{row.Source}' is missing from the data folder.", statusCode: 410);
        }

        return Results.Stream(stream, ContentTypes.TryGetContentType(row.Source, out var type) ? type : "application/octet-stream");
    }

    /// <summary>
    /// The tile pyramid's layout of a large image (built now if the import's background build has not finished),
    /// under the same rule as the content; the view is audited here, once, not per tile.
    /// </summary>
    private static async Task<IResult> GetTileLayoutAsync(
        long id, HttpContext http, Microsoft.EntityFrameworkCore.IDbContextFactory<GroundTruthDbContext> dbFactory,
        LabelingService labeling, Images.TileService tiles, Audit.AuditLog audit, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var row = await VisibleObjectAsync(id, caller, dbFactory, labeling, ct);
        if (row is null || TaskTypes.Get(row.TaskType).DataKind == DataKind.Text)
        {
            return Results.NotFound();
        }

        var layout = await tiles.EnsureAsync(row.Source, ct);
        if (layout is null)
        {
            return Results.Problem($"The file '{row.Source}' is missing from the data folder or cannot be decoded.", statusCode: 410);
        }

        await audit.RecordForAsync(Core.Audit.AuditActions.DataObjectViewed, caller.UserId, id.ToString(CultureInfo.InvariantCulture), row.Source, ct);
        return Results.Ok(new { layout.Width, layout.Height, layout.TileSize, Levels = layout.LevelCount });
    }

    private static async Task<IResult> GetTileAsync(
        long id, int level, int column, int row, HttpContext http, Microsoft.EntityFrameworkCore.IDbContextFactory<GroundTruthDbContext> dbFactory,
        LabelingService labeling, Images.TileService tiles, CancellationToken ct)
    {
        var visible = await VisibleObjectAsync(id, Caller.From(http.User), dbFactory, labeling, ct);
        var stream = visible is null ? null : await tiles.OpenTileAsync(visible.Source, level, column, row, ct);
        if (stream is null)
        {
            return Results.NotFound();
        }

        // A tile never changes for a given image; only the holder of the task may fetch it, so the cache is private.
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.Stream(stream, "image/jpeg");
    }

    private sealed record VisibleObject(string Source, TaskType TaskType);

    /// <summary>The data object if the caller may see it: its job's requester, an admin, or a worker holding a live task for it.</summary>
    private static async Task<VisibleObject?> VisibleObjectAsync(
        long id, Caller caller, Microsoft.EntityFrameworkCore.IDbContextFactory<GroundTruthDbContext> dbFactory, LabelingService labeling, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.DataObjects.AsNoTracking().Where(o => o.Id == id)
            .Join(db.Jobs, o => o.JobId, j => j.Id, (o, j) => new { o.Source, j.RequesterId, j.TaskType })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var allowed = caller.IsAdmin || row.RequesterId == caller.UserId || await labeling.HoldsObjectAsync(id, caller.UserId, ct);
        return allowed ? new VisibleObject(row.Source, row.TaskType) : null;
    }

    private static async Task<IResult> GetExampleAsync(
        Guid jobId, int index, Microsoft.EntityFrameworkCore.IDbContextFactory<GroundTruthDbContext> dbFactory, IObjectStore store, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        var keys = job is null ? [] : job.Instructions.GoodExampleKeys.Concat(job.Instructions.BadExampleKeys).ToList();
        if (index < 0 || index >= keys.Count)
        {
            return Results.NotFound();
        }

        var stream = await store.OpenReadAsync(keys[index], ct);
        return stream is null
            ? Results.NotFound()
            : Results.Stream(stream, ContentTypes.TryGetContentType(keys[index], out var type) ? type : "application/octet-stream");
    }

    private static IResult ToResult(TaskOutcome outcome) => outcome.Kind switch
    {
        TaskOutcomeKind.Accepted or TaskOutcomeKind.AlreadySubmitted => Results.Ok(outcome),
        TaskOutcomeKind.NotFound => Results.NotFound(outcome),
        TaskOutcomeKind.Expired => Results.Conflict(outcome),
        _ => Results.UnprocessableEntity(outcome),
    };

    private static string UserId(ClaimsPrincipal user) => Caller.From(user).UserId;
}
