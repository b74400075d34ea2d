using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Consolidation;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>Re-running consolidation on a finished job, on each database provider.</summary>
public abstract class ConsolidationApiTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Require();

    private static async Task<JsonArray> WaitForRunsAsync(HttpClient client, Guid job)
    {
        for (var i = 0; i < 200; i++)
        {
            var runs = await client.GetFromJsonAsync<JsonArray>($"/api/jobs/{job}/consolidation-runs");
            if (runs!.All(r => r!["status"]!.GetValue<string>() is "Completed" or "Failed"))
            {
                return runs!;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The consolidation run did not finish.");
    }

    [Fact]
    public async Task Run_DawidSkene_KeepsLiveLabelsFindsSpammerAndFeedsTheChosenOutput()
    {
        // Arrange
        var labeled = await LabeledJob.CreateAsync(Portal);
        var client = Portal.ClientFor(labeled.RequesterId);
        var liveBefore = await client.GetStringAsync($"/api/jobs/{labeled.JobId}/output-manifest");

        // Act
        var start = await client.PostAsJsonAsync($"/api/jobs/{labeled.JobId}/consolidation-runs", new { method = "ds", maxIterations = 50, priorStrength = 1.0 });
        var runs = await WaitForRunsAsync(client, labeled.JobId);

        // Assert: the run is stored beside the live labels, which stay as they were.
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var run = Assert.Single(runs)!;
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        Assert.Equal(12, run["objectCount"]!.GetValue<int>());
        Assert.Equal(liveBefore, await client.GetStringAsync($"/api/jobs/{labeled.JobId}/output-manifest"));

        var quality = await client.GetFromJsonAsync<JsonArray>($"/api/jobs/{labeled.JobId}/worker-quality");
        Assert.Equal(3, quality!.Count);
        var spammer = quality.Single(w => w!["workerId"]!.GetValue<string>() == labeled.Spammer)!;
        Assert.True(spammer["flaggedAsSpammer"]!.GetValue<bool>());
        Assert.All(quality.Where(w => w!["workerId"]!.GetValue<string>() != labeled.Spammer), w =>
        {
            Assert.False(w!["flaggedAsSpammer"]!.GetValue<bool>());
            Assert.Equal(1.0, w["agreementWithConsensus"]!.GetValue<double>());
        });

        // Live majority vote: the eight objects where the spammer disagreed have confidence 0.67.
        var queue = await client.GetFromJsonAsync<JsonArray>($"/api/jobs/{labeled.JobId}/disagreements?threshold=0.7");
        Assert.Equal(8, queue!.Count);
        Assert.All(queue, d => Assert.Equal(0.67, d!["confidence"]!.GetValue<double>()));

        // The run's labels feed the output once chosen, and can be downloaded before that too.
        var runId = run["id"]!.GetValue<Guid>();
        var byRun = ParseLines(await client.GetStringAsync($"/api/jobs/{labeled.JobId}/output-manifest?run={runId}"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/jobs/{labeled.JobId}/selected-run", new { runId })).StatusCode);
        var chosen = ParseLines(await client.GetStringAsync($"/api/jobs/{labeled.JobId}/output-manifest"));
        Assert.Equal(byRun.Select(l => l.ToJsonString()), chosen.Select(l => l.ToJsonString()));
        for (var i = 0; i < chosen.Count; i++)
        {
            Assert.Equal(labeled.Truths[i], chosen[i]["sentiment-metadata"]!["class-name"]!.GetValue<string>());
        }

        // Dawid–Skene learns that the spammer carries no information, so it is surer than the vote was.
        var disputed = queue.Select(d => d!["datasetObjectId"]!.GetValue<long>()).ToList();
        Assert.All(disputed, i => Assert.True(chosen[(int)i]["sentiment-metadata"]!["confidence"]!.GetValue<double>() > 0.67));
    }

    [Fact]
    public async Task SendBack_LowConfidenceObjects_ReturnToThePoolForOneMoreWorker()
    {
        var labeled = await LabeledJob.CreateAsync(Portal, objects: 3);
        var client = Portal.ClientFor(labeled.RequesterId);
        var queue = await client.GetFromJsonAsync<JsonArray>($"/api/jobs/{labeled.JobId}/disagreements?threshold=0.7");
        var ids = queue!.Select(d => d!["dataObjectId"]!.GetValue<long>()).ToArray();

        var response = await client.PostAsJsonAsync($"/api/jobs/{labeled.JobId}/disagreements/send-back", new { objectIds = ids, moreWorkers = 1 });

        Assert.Equal(ids.Length, (await response.Content.ReadFromJsonAsync<JsonObject>())!["reopened"]!.GetValue<int>());
        Assert.Equal(JobStatus.InProgress, await Portal.WaitForStatusAsync(labeled.JobId, s => s == JobStatus.InProgress));
        var labeling = Portal.Get<LabelingService>();
        Assert.Null(await labeling.ClaimNextAsync(labeled.JobId, labeled.Workers[0]));
        var extra = labeled.Workers[3];
        for (var i = 0; i < ids.Length; i++)
        {
            var taskId = await labeling.ClaimNextAsync(labeled.JobId, extra);
            Assert.NotNull(taskId);
            await labeling.SubmitAsync(taskId!.Value, extra, ["neutral"]);
        }

        Assert.Null(await labeling.ClaimNextAsync(labeled.JobId, extra));
        Assert.Equal(JobStatus.Completed, await Portal.WaitForStatusAsync(labeled.JobId, s => s == JobStatus.Completed));
        var counts = await Portal.WithDbAsync(db => db.DataObjects.Where(o => ids.Contains(o.Id)).Select(o => new { o.ResponseCount, o.Status }).ToListAsync());
        Assert.All(counts, c => Assert.Equal((4, DataObjectStatus.Labeled), (c.ResponseCount, c.Status)));
        Assert.Equal(3, await Portal.WithDbAsync(db => db.Jobs.Where(j => j.Id == labeled.JobId).Select(j => j.HumanLabeled).FirstAsync()));
    }

    [Fact]
    public async Task Restart_InterruptedRun_IsQueuedAgainAndCompletes()
    {
        // Arrange: a run the process died in the middle of.
        var labeled = await LabeledJob.CreateAsync(Portal, objects: 3);
        var runId = Guid.NewGuid();
        await Portal.WithDbAsync(async db =>
        {
            db.ConsolidationRuns.Add(new ConsolidationRun
            {
                Id = runId, JobId = labeled.JobId, Settings = new ConsolidationSettings("mv"), Status = RunStatus.Running,
                RequestedBy = labeled.RequesterId, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            return 0;
        });
        var service = Portal.Get<ConsolidationService>();

        // Act: what the runner does at start-up.
        var requeued = await service.RequeueInterruptedAsync(CancellationToken.None);
        foreach (var id in requeued)
        {
            await service.ExecuteRunAsync(id, CancellationToken.None);
        }

        // Assert
        Assert.Contains(runId, requeued);
        var run = await Portal.WithDbAsync(db => db.ConsolidationRuns.SingleAsync(r => r.Id == runId));
        Assert.Equal((RunStatus.Completed, 3), (run.Status, run.ObjectCount));
    }

    [Fact]
    public async Task Run_InvalidSettings_AreRejectedWithReasons()
    {
        var labeled = await LabeledJob.CreateAsync(Portal, objects: 3);

        var response = await Portal.ClientFor(labeled.RequesterId).PostAsJsonAsync($"/api/jobs/{labeled.JobId}/consolidation-runs", new { method = "magic", maxIterations = 0, priorStrength = -1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["settings"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("'magic'", StringComparison.Ordinal));
    }

    private static List<JsonObject> ParseLines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
}

public sealed class SqliteConsolidationApiTests(SqlitePortalFixture fixture) : ConsolidationApiTests(fixture), IClassFixture<SqlitePortalFixture>;

public sealed class PostgresConsolidationApiTests(PostgresPortalFixture fixture) : ConsolidationApiTests(fixture), IClassFixture<PostgresPortalFixture>;
