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

/// <summary>The worker's REST API (claim, submit, decline, release, signed task data) and the requester's data-object content endpoint.</summary>
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

        // Workers read data only through the signed URL of a task they hold; requesters keep the checked path below.
        work.MapGet(DataUrlSigner.RoutePrefix["/api".Length..] + "{token}", GetSignedContentAsync);
        work.MapGet(DataUrlSigner.RoutePrefix["/api".Length..] + "{token}/tiles", GetSignedTileLayoutAsync);
        work.MapGet(DataUrlSigner.RoutePrefix["/api".Length..] + "{token}/tiles/{level:int}/{column:int}/{row:int}", GetSignedTileAsync);
        work.MapGet(DataUrlSigner.RoutePrefix["/api".Length..] + "{token}" + DataUrlSigner.EarlierMaskSuffix, GetSignedEarlierMaskAsync);
        endpoints.MapGet("/api/data-objects/{id:long}/content", GetContentAsync).RequireAuthorization();
        endpoints.MapGet("/api/data-objects/{id:long}/tiles", GetTileLayoutAsync).RequireAuthorization();
        endpoints.MapGet("/api/data-objects/{id:long}/tiles/{level:int}/{column:int}/{row:int}", GetTileAsync).RequireAuthorization();
        endpoints.MapGet("/api/jobs/{jobId:guid}/examples/{index:int}", GetExampleAsync).RequireAuthorization();
        return endpoints;
    }

    /// <summary>
    /// Serves a data object to its job's requester (or an admin); to anyone else, workers included, it does not exist.
    /// Workers get their task's data through <see cref="GetSignedContentAsync"/>.
    /// </summary>
    private static async Task<IResult> GetContentAsync(
        long id, HttpContext http, IDbContextFactory<GroundTruthDbContext> dbFactory, IObjectStore store, Audit.AuditLog audit, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var row = await RequesterObjectAsync(dbFactory, id, caller, ct);
        return row is null ? Results.NotFound() : await ServeAsync(http, row, id, caller.UserId, store, audit, TimeSpan.FromMinutes(5), ct);
    }

    /// <summary>
    /// Serves the data object a signed URL grants, to the worker it was signed for, while the task is still theirs.
    /// A tampered or expired token, another user's token, or a task released, expired or submitted since: not found.
    /// </summary>
    private static async Task<IResult> GetSignedContentAsync(
        string token, HttpContext http, DataUrlSigner signer, LabelingService labeling, IDbContextFactory<GroundTruthDbContext> dbFactory,
        IObjectStore store, Audit.AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var (grant, row) = await GrantedObjectAsync(token, caller, signer, labeling, dbFactory, ct);
        return row is null
            ? Results.NotFound()
            : await ServeAsync(http, row, grant!.DataObjectId, caller.UserId, store, audit, grant.ExpiresAt - time.GetUtcNow(), ct);
    }

    /// <summary>The tile pyramid's layout of a large image, to its job's requester or an admin (workers use the signed URL's).</summary>
    private static async Task<IResult> GetTileLayoutAsync(
        long id, HttpContext http, IDbContextFactory<GroundTruthDbContext> dbFactory, Images.TileService tiles, Audit.AuditLog audit, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var row = await RequesterObjectAsync(dbFactory, id, caller, ct);
        return row is null ? Results.NotFound() : await TileLayoutAsync(row, id, caller.UserId, tiles, audit, ct);
    }

    private static async Task<IResult> GetTileAsync(
        long id, int level, int column, int row, HttpContext http, IDbContextFactory<GroundTruthDbContext> dbFactory, Images.TileService tiles, CancellationToken ct)
    {
        var found = await RequesterObjectAsync(dbFactory, id, Caller.From(http.User), ct);
        return found is null ? Results.NotFound() : await TileAsync(http, found, level, column, row, tiles, TimeSpan.FromMinutes(5), ct);
    }

    /// <summary>The layout of the pyramid a signed URL grants, to the worker it was signed for while the task is theirs.</summary>
    private static async Task<IResult> GetSignedTileLayoutAsync(
        string token, HttpContext http, DataUrlSigner signer, LabelingService labeling, IDbContextFactory<GroundTruthDbContext> dbFactory,
        Images.TileService tiles, Audit.AuditLog audit, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var (grant, row) = await GrantedObjectAsync(token, caller, signer, labeling, dbFactory, ct);
        return row is null ? Results.NotFound() : await TileLayoutAsync(row, grant!.DataObjectId, caller.UserId, tiles, audit, ct);
    }

    private static async Task<IResult> GetSignedTileAsync(
        string token, int level, int column, int row, HttpContext http, DataUrlSigner signer, LabelingService labeling,
        IDbContextFactory<GroundTruthDbContext> dbFactory, Images.TileService tiles, TimeProvider time, CancellationToken ct)
    {
        var (grant, found) = await GrantedObjectAsync(token, Caller.From(http.User), signer, labeling, dbFactory, ct);
        return found is null ? Results.NotFound() : await TileAsync(http, found, level, column, row, tiles, grant!.ExpiresAt - time.GetUtcNow(), ct);
    }

    /// <summary>
    /// The earlier mask a verification or adjustment task reviews, to the worker the URL was signed for while the task is
    /// theirs, re-coloured for their page (<see cref="EarlierMaskService"/>); the earlier job's file itself stays the requester's.
    /// </summary>
    private static async Task<IResult> GetSignedEarlierMaskAsync(
        string token, HttpContext http, DataUrlSigner signer, LabelingService labeling, IDbContextFactory<GroundTruthDbContext> dbFactory,
        EarlierMaskService earlierMasks, Audit.AuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var grant = signer.Read(token);
        if (grant is null || grant.WorkerId != Caller.From(http.User).UserId || !await labeling.HoldsAsync(grant, ct))
        {
            return Results.NotFound();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.DataObjects.AsNoTracking().Where(o => o.Id == grant.DataObjectId)
            .Join(db.Jobs, o => o.JobId, j => j.Id, (o, j) => new { o.ManifestLine, o.Width, o.Height, Job = j })
            .FirstOrDefaultAsync(ct);
        if (row is null || !row.Job.Descriptor.ReviewsMask || row.Width is not { } width || row.Height is not { } height)
        {
            return Results.NotFound();
        }

        var read = await earlierMasks.ReadAsync(row.Job, row.ManifestLine, new Core.Annotations.ImageSize(width, height), ct);
        if (read.Problem is not null)
        {
            return Results.Problem(read.Problem, statusCode: 410);
        }

        await audit.RecordForAsync(Core.Audit.AuditActions.DataObjectViewed, grant.WorkerId, grant.DataObjectId.ToString(CultureInfo.InvariantCulture),
            $"earlier mask ({row.Job.PreAnnotationsAttribute})", ct);
        http.Response.Headers.CacheControl = $"private, max-age={(int)Math.Clamp((grant.ExpiresAt - time.GetUtcNow()).TotalSeconds, 0, 300)}";
        return Results.File(EarlierMaskService.EncodePng(read), "image/png");
    }

    private static async Task<ObjectRow?> RequesterObjectAsync(IDbContextFactory<GroundTruthDbContext> dbFactory, long id, Caller caller, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await FindObjectAsync(db, id, ct);
        return row is not null && (caller.IsAdmin || row.RequesterId == caller.UserId) ? row : null;
    }

    private static async Task<(DataGrant? Grant, ObjectRow? Row)> GrantedObjectAsync(
        string token, Caller caller, DataUrlSigner signer, LabelingService labeling, IDbContextFactory<GroundTruthDbContext> dbFactory, CancellationToken ct)
    {
        var grant = signer.Read(token);
        if (grant is null || grant.WorkerId != caller.UserId || !await labeling.HoldsAsync(grant, ct))
        {
            return (null, null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (grant, await FindObjectAsync(db, grant.DataObjectId, ct));
    }

    /// <summary>The layout (building the pyramid first if the import's background build has not finished); the view is audited here, once, not per tile.</summary>
    private static async Task<IResult> TileLayoutAsync(ObjectRow row, long id, string viewerId, Images.TileService tiles, Audit.AuditLog audit, CancellationToken ct)
    {
        if (TaskTypes.Get(row.TaskType).DataKind == DataKind.Text)
        {
            return Results.NotFound();
        }

        var layout = await tiles.EnsureAsync(row.Source, ct);
        if (layout is null)
        {
            return Results.Problem($"The file '{row.Source}' is missing from the data folder or cannot be decoded.", statusCode: 410);
        }

        await audit.RecordForAsync(Core.Audit.AuditActions.DataObjectViewed, viewerId, id.ToString(CultureInfo.InvariantCulture), row.Source, ct);
        return Results.Ok(new { layout.Width, layout.Height, layout.TileSize, Levels = layout.LevelCount });
    }

    private static async Task<IResult> TileAsync(HttpContext http, ObjectRow row, int level, int column, int tileRow, Images.TileService tiles, TimeSpan maxAge, CancellationToken ct)
    {
        var stream = await tiles.OpenTileAsync(row.Source, level, column, tileRow, ct);
        if (stream is null)
        {
            return Results.NotFound();
        }

        // A tile never changes for an image; the browser keeps it for this user only, and no longer than the grant.
        http.Response.Headers.CacheControl = $"private, max-age={(int)Math.Clamp(maxAge.TotalSeconds, 0, 3600)}";
        return Results.Stream(stream, "image/jpeg");
    }

    private sealed record ObjectRow(string Source, string RequesterId, TaskType TaskType);

    private static Task<ObjectRow?> FindObjectAsync(GroundTruthDbContext db, long id, CancellationToken ct) =>
        db.DataObjects.AsNoTracking().Where(o => o.Id == id)
            .Join(db.Jobs, o => o.JobId, j => j.Id, (o, j) => new ObjectRow(o.Source, j.RequesterId, j.TaskType))
            .FirstOrDefaultAsync(ct);

    private static async Task<IResult> ServeAsync(
        HttpContext http, ObjectRow row, long id, string viewerId, IObjectStore store, Audit.AuditLog audit, TimeSpan maxAge, CancellationToken ct)
    {
        await audit.RecordForAsync(Core.Audit.AuditActions.DataObjectViewed, viewerId, id.ToString(CultureInfo.InvariantCulture), row.Source, ct);
        // The browser may keep it only as long as the grant lasts, and only for this user.
        http.Response.Headers.CacheControl = $"private, max-age={(int)Math.Clamp(maxAge.TotalSeconds, 0, 300)}";
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

    private static async Task<IResult> GetExampleAsync(
        Guid jobId, int index, IDbContextFactory<GroundTruthDbContext> dbFactory, IObjectStore store, CancellationToken ct)
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
