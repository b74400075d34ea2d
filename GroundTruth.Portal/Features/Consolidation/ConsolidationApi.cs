using GroundTruth.Core.Consolidation;
using GroundTruth.Portal.Security;

namespace GroundTruth.Portal.Features.Consolidation;

public sealed record SelectRunRequest(Guid? RunId);

public sealed record SendBackRequest(IReadOnlyList<long> ObjectIds, int MoreWorkers = 1);

/// <summary>The requester's consolidation API: runs, the run used for output, worker quality, the disagreement queue.</summary>
public static class ConsolidationApi
{
    public static IEndpointRouteBuilder MapConsolidationApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/jobs/{id:guid}").RequireAuthorization(Policies.CreateJobs).DisableAntiforgery();

        // A job that is not the caller's does not exist for them: every route below answers 404 for it.
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var id = Guid.Parse((string)http.Request.RouteValues["id"]!);
            var jobs = http.RequestServices.GetRequiredService<GroundTruth.Portal.Features.Jobs.JobService>();
            return await jobs.GetAsync(id, Caller.From(http.User), http.RequestAborted) is null ? Results.NotFound() : await next(context);
        });

        group.MapPost("/consolidation-runs", async (Guid id, ConsolidationSettings settings, HttpContext http, ConsolidationService service, CancellationToken ct) =>
        {
            var (runId, errors) = await service.StartRunAsync(id, settings, Caller.From(http.User), ct);
            return runId is null
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["settings"] = [.. errors] })
                : Results.Accepted($"/api/jobs/{id}/consolidation-runs", new { id = runId });
        });

        group.MapGet("/consolidation-runs", async (Guid id, HttpContext http, ConsolidationService service, CancellationToken ct) =>
            Results.Ok(await service.ListRunsAsync(id, Caller.From(http.User), ct)));

        group.MapPut("/selected-run", async (Guid id, SelectRunRequest request, HttpContext http, ConsolidationService service, CancellationToken ct) =>
            await service.SelectRunAsync(id, request.RunId, Caller.From(http.User), ct) ? Results.NoContent() : Results.NotFound());

        group.MapGet("/worker-quality", async (Guid id, Guid? run, HttpContext http, ConsolidationService service, CancellationToken ct) =>
            Results.Ok(await service.GetWorkerQualityAsync(id, run, Caller.From(http.User), ct)));

        group.MapGet("/disagreements", async (Guid id, double? threshold, HttpContext http, ConsolidationService service, CancellationToken ct) =>
            Results.Ok(await service.GetDisagreementsAsync(id, threshold ?? 0.7, Caller.From(http.User), ct)));

        group.MapPost("/disagreements/send-back", async (Guid id, SendBackRequest request, HttpContext http, ConsolidationService service, CancellationToken ct) =>
            Results.Ok(new { reopened = await service.SendBackAsync(id, request.ObjectIds, request.MoreWorkers, Caller.From(http.User), ct) }));
        return endpoints;
    }
}
