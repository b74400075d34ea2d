using System.Text.Json;
using System.Text.Json.Serialization;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Security;

namespace GroundTruth.Portal.Features.Jobs;

/// <summary>The requester's REST API: create, list, describe and stop jobs; download their output.</summary>
public static class JobsApi
{
    private static readonly JsonSerializerOptions SpecJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder endpoints)
    {
        // Cookies are SameSite=Lax, so a cross-site form cannot post with the user's session; API clients send no antiforgery token.
        var jobs = endpoints.MapGroup("/api/jobs").RequireAuthorization(Policies.CreateJobs).DisableAntiforgery();

        jobs.MapGet("/", async (HttpContext http, JobService service, CancellationToken ct) =>
            Results.Ok(await service.ListAsync(Caller.From(http.User), ct)));

        jobs.MapGet("/{id:guid}", async (Guid id, HttpContext http, JobService service, CancellationToken ct) =>
            await service.GetAsync(id, Caller.From(http.User), ct) is { } job ? Results.Ok(job) : Results.NotFound());

        jobs.MapPost("/", CreateAsync);

        jobs.MapPost("/{id:guid}/stop", async (Guid id, HttpContext http, JobService service, CancellationToken ct) =>
            await service.StopAsync(id, Caller.From(http.User), ct) ? Results.Accepted($"/api/jobs/{id}") : Results.NotFound());

        jobs.MapGet("/{id:guid}/import-errors", async (Guid id, HttpContext http, JobService service, CancellationToken ct) =>
            await service.GetAsync(id, Caller.From(http.User), ct) is null
                ? Results.NotFound()
                : Results.Ok(await service.GetImportErrorsAsync(id, Caller.From(http.User), 100_000, ct)));

        jobs.MapGet("/{id:guid}/output-manifest", async (Guid id, Guid? run, HttpContext http, JobService service, OutputManifestService output, Audit.AuditLog audit, CancellationToken ct) =>
        {
            var job = await service.GetAsync(id, Caller.From(http.User), ct);
            if (job is null)
            {
                return Results.NotFound();
            }

            await audit.RecordForAsync(Core.Audit.AuditActions.DataDownloaded, Caller.From(http.User).UserId, id.ToString(), run is null ? "output manifest" : $"output manifest of run {run}", ct);
            return Results.Stream(stream => output.WriteAsync(id, stream, run, ct), "application/jsonlines", $"{job.Name}-output.manifest");
        });

        jobs.MapGet("/{id:guid}/worker-responses", async (Guid id, HttpContext http, JobService service, OutputManifestService output, Audit.AuditLog audit, CancellationToken ct) =>
        {
            var job = await service.GetAsync(id, Caller.From(http.User), ct);
            if (job is null)
            {
                return Results.NotFound();
            }

            await audit.RecordForAsync(Core.Audit.AuditActions.DataDownloaded, Caller.From(http.User).UserId, id.ToString(), "worker responses", ct);
            return Results.Stream(stream => output.WriteWorkerResponsesAsync(id, stream, ct), "application/zip", $"{job.Name}-worker-responses.zip");
        });
        // Files the job wrote beside its output (e.g. consolidated segmentation masks): the manifest's '-ref' values are
        // store keys under jobs/<id>/, fetched here by the job's requester (or an admin).
        jobs.MapGet("/{id:guid}/files/{**key}", async (Guid id, string key, HttpContext http, JobService service, GroundTruth.Core.Storage.IObjectStore store, CancellationToken ct) =>
        {
            if (await service.GetAsync(id, Caller.From(http.User), ct) is null
                || !key.StartsWith($"jobs/{id:N}/", StringComparison.Ordinal) || key.Contains("..", StringComparison.Ordinal))
            {
                return Results.NotFound();
            }

            var stream = await store.OpenReadAsync(key, ct);
            return stream is null
                ? Results.NotFound()
                : Results.Stream(stream, key.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "application/octet-stream", Path.GetFileName(key));
        });
        return endpoints;
    }

    /// <summary>
    /// <c>POST /api/jobs</c>, multipart: a <c>spec</c> field holding the job as JSON (the <see cref="JobSpec"/> fields)
    /// and a <c>manifest</c> file holding the input manifest.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpContext http, JobService service, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Problem("Send multipart/form-data with a 'spec' field (JSON) and a 'manifest' file.", statusCode: 415);
        }

        var form = await http.Request.ReadFormAsync(ct);
        JobSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<JobSpec>(form["spec"].ToString(), SpecJson);
        }
        catch (JsonException ex)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["spec"] = [$"Not a valid job spec: {ex.Message}"] });
        }

        var manifest = form.Files.GetFile("manifest");
        if (spec is null || manifest is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["manifest"] = ["Send the job as 'spec' and the input manifest as a 'manifest' file."] });
        }

        await using var stream = manifest.OpenReadStream();
        var result = await service.CreateFromManifestAsync(spec, stream, Caller.From(http.User), ct);
        return result.Succeeded
            ? Results.Created($"/api/jobs/{result.JobId}", new { id = result.JobId })
            : Results.ValidationProblem(result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
    }
}
