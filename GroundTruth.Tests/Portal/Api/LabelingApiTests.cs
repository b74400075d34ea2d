using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Assignment;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>The worker's API and the assignment rules, on each database provider.</summary>
public abstract class LabelingApiTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Require();

    private async Task<(Guid Job, string Requester, string[] Workers)> SetUpAsync(int objects, int workersPerObject, int workers = 1, Func<JobSpec, JobSpec>? tweak = null)
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var ids = new string[workers];
        for (var i = 0; i < workers; i++)
        {
            ids[i] = await Portal.CreateUserAsync($"w{i}-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        }

        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), ids);
        var spec = Specs.Text(team, workers: workersPerObject);
        var job = await Portal.CreateJobAsync(tweak is null ? spec : tweak(spec), Specs.TextManifest(objects), requester);
        return (job, requester, ids);
    }

    private static async Task<JsonObject?> ClaimAsync(HttpClient client, Guid job)
    {
        var response = await client.PostAsync($"/api/jobs/{job}/tasks/claim", null);
        return response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<JsonObject>();
    }

    [Fact]
    public async Task Submit_LabelNotInJob_IsRejectedAndNothingRecorded()
    {
        var (job, _, workers) = await SetUpAsync(1, 1);
        var client = Portal.ClientFor(workers[0]);
        var task = await ClaimAsync(client, job);

        var response = await client.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { labels = new[] { "furious" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("'furious' is not one of this job's labels", (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        Assert.Equal(0, await Portal.WithDbAsync(db => db.Responses.CountAsync(r => r.JobId == job)));
        var retry = await client.PostAsJsonAsync($"/api/tasks/{task["taskId"]}/submit", new { labels = new[] { "neutral" } });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task Submit_AnswerInCrowdElementShape_IsValidatedAndRecordedVerbatim()
    {
        var (job, _, workers) = await SetUpAsync(1, 1);
        var client = Portal.ClientFor(workers[0]);
        var task = await ClaimAsync(client, job);

        var wrongElement = await client.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { answer = new { crowd_thing = new { label = "positive" } } });
        var ok = await client.PostAsJsonAsync($"/api/tasks/{task["taskId"]}/submit", new { answer = JsonNode.Parse("""{"crowd-classifier":{"label":"negative"}}""") });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongElement.StatusCode);
        Assert.Contains("\"crowd-classifier\"", (await wrongElement.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("""{"crowd-classifier":{"label":"negative"}}""", await Portal.WithDbAsync(db => db.Responses.Where(r => r.JobId == job).Select(r => r.AnswerContent).SingleAsync()));
    }

    [Fact]
    public async Task Draft_SavedOnLiveTask_ComesBackWithTheTaskAndNotToOthers()
    {
        var (job, _, workers) = await SetUpAsync(1, 1, workers: 2);
        var client = Portal.ClientFor(workers[0]);
        var task = await ClaimAsync(client, job);
        var taskId = task!["taskId"]!.GetValue<long>();

        var saved = await client.PutAsJsonAsync($"/api/tasks/{taskId}/draft", JsonNode.Parse("""{"entities":[{"label":"x","startOffset":1,"endOffset":3}]}"""));
        var stolen = await Portal.ClientFor(workers[1]).PutAsJsonAsync($"/api/tasks/{taskId}/draft", JsonNode.Parse("{}"));
        var reloaded = await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{taskId}");

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal(3, JsonNode.Parse(reloaded!["draftJson"]!.GetValue<string>())!["entities"]![0]!["endOffset"]!.GetValue<int>());
        Assert.Contains("text number", reloaded["manifestLine"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_Twice_IsRecordedOnce()
    {
        var (job, _, workers) = await SetUpAsync(2, 1);
        var client = Portal.ClientFor(workers[0]);
        var task = await ClaimAsync(client, job);

        var first = await client.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { labels = new[] { "positive" } });
        var second = await client.PostAsJsonAsync($"/api/tasks/{task["taskId"]}/submit", new { labels = new[] { "negative" } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("AlreadySubmitted", (await second.Content.ReadFromJsonAsync<JsonObject>())!["kind"]!.ToString());
        var responses = await Portal.WithDbAsync(db => db.Responses.Where(r => r.JobId == job).Select(r => r.AnswerContent).ToListAsync());
        Assert.Equal("""{"crowd-classifier":{"label":"positive"}}""", Assert.Single(responses));
        Assert.Equal(1, await Portal.WithDbAsync(db => db.Jobs.Where(j => j.Id == job).Select(j => j.HumanLabeled).FirstAsync()));
    }

    [Fact]
    public async Task Submit_AfterLeaseExpired_IsRejectedAndTaskReturnsToPool()
    {
        var (job, _, workers) = await SetUpAsync(1, 1, workers: 2);
        var late = Portal.ClientFor(workers[0]);
        var task = await ClaimAsync(late, job);
        Assert.Null(await ClaimAsync(Portal.ClientFor(workers[1]), job));

        fixture.Time.Advance(TimeSpan.FromSeconds(61));
        var response = await late.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { labels = new[] { "positive" } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("time limit", (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        Assert.Equal(0, await Portal.WithDbAsync(db => db.Responses.CountAsync(r => r.JobId == job)));
        Assert.NotNull(await ClaimAsync(Portal.ClientFor(workers[1]), job));
    }

    [Fact]
    public async Task Claim_WorkerOutsideTeam_GetsNothing()
    {
        var (job, _, _) = await SetUpAsync(1, 1);
        var outsider = await Portal.CreateUserAsync($"out-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);

        Assert.Null(await ClaimAsync(Portal.ClientFor(outsider), job));
        Assert.Empty((await Portal.ClientFor(outsider).GetFromJsonAsync<JsonArray>("/api/work/jobs"))!);
    }

    [Fact]
    public async Task Content_ServedOnlyThroughTheSignedUrlWhileTaskIsAssigned()
    {
        var (job, _, workers) = await SetUpAsync(2, 1, workers: 2);
        var client = Portal.ClientFor(workers[0]);
        var task = await ClaimAsync(client, job);
        var objectId = task!["dataObjectId"]!.GetValue<long>();
        var url = task["contentUrl"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/data-objects/{objectId}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Portal.ClientFor(workers[1]).GetAsync(url)).StatusCode);
        await client.PostAsJsonAsync($"/api/tasks/{task["taskId"]}/submit", new { labels = new[] { "neutral" } });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Release_ReturnsTaskToOthersButNeverToTheSameWorker()
    {
        var (job, _, workers) = await SetUpAsync(1, 1, workers: 2);
        var first = Portal.ClientFor(workers[0]);
        var task = await ClaimAsync(first, job);

        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync($"/api/tasks/{task!["taskId"]}/release", null)).StatusCode);

        Assert.Null(await ClaimAsync(first, job));
        var again = await ClaimAsync(Portal.ClientFor(workers[1]), job);
        Assert.Equal(task["dataObjectId"]!.GetValue<long>(), again!["dataObjectId"]!.GetValue<long>());
    }

    [Fact]
    public async Task Decline_ByAllWorkers_FailsTheObjectAndCountsIt()
    {
        var (job, _, workers) = await SetUpAsync(1, 2, workers: 2);
        foreach (var worker in workers)
        {
            var client = Portal.ClientFor(worker);
            var task = await ClaimAsync(client, job);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/tasks/{task!["taskId"]}/decline", null)).StatusCode);
        }

        Assert.Equal(JobStatus.Completed, await Portal.WaitForStatusAsync(job, s => s == JobStatus.Completed));
        var failed = await Portal.WithDbAsync(db => db.Jobs.Where(j => j.Id == job).Select(j => j.FailedNonRetryableError).FirstAsync());
        Assert.Equal(1, failed);
    }

    [Fact]
    public async Task Sweep_ObjectNotPickedUpWithinLifetime_IsFailedAndCounted()
    {
        var (job, _, workers) = await SetUpAsync(2, 1, tweak: s => s with { TaskAvailabilityLifetimeSeconds = 120 });
        var client = Portal.ClientFor(workers[0]);
        var task = await ClaimAsync(client, job);
        await client.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { labels = new[] { "positive" } });

        fixture.Time.Advance(TimeSpan.FromSeconds(121));
        await Portal.Get<LabelingService>().SweepAsync();

        var counts = await Portal.WithDbAsync(db => db.Jobs.Where(j => j.Id == job).Select(j => new { j.HumanLabeled, j.FailedNonRetryableError, j.Status }).FirstAsync());
        Assert.Equal((1, 1, JobStatus.Completed), (counts.HumanLabeled, counts.FailedNonRetryableError, counts.Status));
        var reason = await Portal.WithDbAsync(db => db.DataObjects.Where(o => o.JobId == job && o.Status == DataObjectStatus.Failed).Select(o => o.FailureReason).FirstAsync());
        Assert.Contains("availability lifetime", reason);
    }

    [Fact]
    public async Task Claim_MaxConcurrentTasks_HoldsAndReturnsTheLiveTask()
    {
        var (job, _, workers) = await SetUpAsync(3, 1);
        var service = Portal.Get<LabelingService>();

        var first = await service.ClaimNextAsync(job, workers[0]);
        var second = await service.ClaimNextAsync(job, workers[0]);

        Assert.Equal(first, second);
        Assert.Equal(1, await Portal.WithDbAsync(db => db.Assignments.CountAsync(a => a.JobId == job && a.State == AssignmentState.Active)));
    }

    [Fact]
    public async Task Claim_40ParallelWorkers_NeverBreaksAssignmentRules()
    {
        // Arrange: 30 objects × 3 workers each, 40 workers claiming at once, each also racing itself.
        const int objects = 30, perObject = 3, workerCount = 40;
        var (job, _, workers) = await SetUpAsync(objects, perObject, workerCount);
        var service = Portal.Get<LabelingService>();
        var violations = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await CheckInvariantsAsync(job, perObject, violations);
                await Task.Delay(20);
            }
        });

        // Act
        await Task.WhenAll(workers.Select((worker, n) => Task.Run(async () =>
        {
            var random = new Random(n);
            while (true)
            {
                var claims = await Task.WhenAll(service.ClaimNextAsync(job, worker), service.ClaimNextAsync(job, worker));
                // One call may legitimately find nothing while the other takes a slot freed a moment later;
                // two different tasks at once would break the one-live-task limit.
                if (claims[0] is not null && claims[1] is not null && claims[0] != claims[1])
                {
                    violations.Add($"worker {n} got two live tasks {claims[0]} and {claims[1]}");
                }

                if ((claims[0] ?? claims[1]) is not { } taskId)
                {
                    return;
                }

                var roll = random.Next(10);
                var outcome = roll == 0
                    ? await service.ReleaseAsync(taskId, worker)
                    : await service.SubmitAsync(taskId, worker, [roll % 2 == 0 ? "positive" : "negative"]);
                if (!outcome.Succeeded)
                {
                    violations.Add($"worker {n}: {outcome.Message}");
                }
            }
        })));
        await done.CancelAsync();
        await sampler;

        // A task released after most workers stopped looking is still waiting; drain it as late workers would.
        foreach (var worker in workers)
        {
            while (await service.ClaimNextAsync(job, worker) is { } late)
            {
                await service.SubmitAsync(late, worker, ["neutral"]);
            }
        }

        // Assert
        await CheckInvariantsAsync(job, perObject, violations);
        Assert.Empty(violations);
        var perObjectCounts = await Portal.WithDbAsync(db => db.Responses.Where(r => r.JobId == job)
            .GroupBy(r => r.DataObjectId).Select(g => new { Count = g.Count(), Workers = g.Select(r => r.WorkerId).Distinct().Count() }).ToListAsync());
        Assert.Equal(objects, perObjectCounts.Count);
        Assert.All(perObjectCounts, c => Assert.Equal((perObject, perObject), (c.Count, c.Workers)));
        Assert.Equal(JobStatus.Completed, await Portal.WaitForStatusAsync(job, s => s == JobStatus.Completed));
        Assert.Equal(objects, await Portal.WithDbAsync(db => db.Jobs.Where(j => j.Id == job).Select(j => j.HumanLabeled).FirstAsync()));
    }

    private async Task CheckInvariantsAsync(Guid job, int perObject, System.Collections.Concurrent.ConcurrentBag<string> violations)
    {
        var holding = await Portal.WithDbAsync(db => db.Assignments
            .Where(a => a.JobId == job && (a.State == AssignmentState.Active || a.State == AssignmentState.Submitted))
            .GroupBy(a => a.DataObjectId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        foreach (var o in holding.Where(h => h.Count > perObject))
        {
            violations.Add($"object {o.Key} has {o.Count} live-or-submitted assignments");
        }

        var live = await Portal.WithDbAsync(db => db.Assignments.Where(a => a.JobId == job && a.State == AssignmentState.Active)
            .GroupBy(a => a.WorkerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        foreach (var w in live.Where(l => l.Count > 1))
        {
            violations.Add($"worker {w.Key} holds {w.Count} live tasks");
        }

        var twice = await Portal.WithDbAsync(db => db.Assignments.Where(a => a.JobId == job)
            .GroupBy(a => new { a.DataObjectId, a.WorkerId }).CountAsync(g => g.Count() > 1));
        if (twice > 0)
        {
            violations.Add($"{twice} worker/object pairs assigned twice");
        }
    }
}

public sealed class SqliteLabelingApiTests(SqlitePortalFixture fixture) : LabelingApiTests(fixture), IClassFixture<SqlitePortalFixture>;

public sealed class PostgresLabelingApiTests(PostgresPortalFixture fixture) : LabelingApiTests(fixture), IClassFixture<PostgresPortalFixture>;
