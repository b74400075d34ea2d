using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Segmentation;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Hosting;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>
/// The consolidated segmentation mask is written to the object store, which is outside the database transaction: a
/// transaction that fails after writing it (and is retried) must not leave the file behind, and a failure after the
/// commit must not delete the file the committed label names.
/// </summary>
public sealed class ConsolidatedMaskStorageTests : IAsyncLifetime
{
    private const int Width = 64;
    private const int Height = 48;
    private readonly FailOnceAfterLabeling _failure = new();
    private readonly FailOnceAfterCommit _afterCommit = new();
    private readonly PortalFactory _portal;

    public ConsolidatedMaskStorageTests() =>
        _portal = new PortalFactory(PostgresServer.ConnectionString is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, services: services =>
        {
            services.ConfigureDbContext<SqliteGroundTruthDbContext>(o => o.AddInterceptors(_failure, _afterCommit));
            services.ConfigureDbContext<PostgresGroundTruthDbContext>(o => o.AddInterceptors(_failure, _afterCommit));
        });

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task Submit_TransactionRetriedAfterMaskWritten_KeepsOnlyTheCommittedMask()
    {
        // Arrange: a one-worker segmentation job whose worker has uploaded a mask.
        var (job, worker, task) = await UploadedMaskAsync();
        var client = _portal.ClientFor(worker);
        var requester = await _portal.WithDbAsync(db => db.Jobs.Where(j => j.Id == job).Select(j => j.RequesterId).SingleAsync());

        // Act: the first attempt's transaction hits a conflict after the consolidated mask is written, and is retried.
        _failure.Armed = true;
        var submit = await client.PostAsJsonAsync($"/api/tasks/{task}/submit", new
        {
            answer = new JsonObject
            {
                ["crowd-semantic-segmentation"] = new JsonObject
                {
                    ["inputImageProperties"] = new JsonObject { ["height"] = Height, ["width"] = Width },
                    ["labeledImage"] = new JsonObject(),
                },
            },
        });

        // Assert
        Assert.Equal((HttpStatusCode.OK, false), (submit.StatusCode, _failure.Armed));
        var line = JsonNode.Parse((await _portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim())!;
        var files = Directory.GetFiles(ConsolidatedFolder(job), "*.png").Select(f => $"jobs/{job:N}/annotations/consolidated-annotation/output/{Path.GetFileName(f)}");
        Assert.Equal([line["regions-ref"]!.GetValue<string>()], files);
    }

    [Fact]
    public async Task Submit_FailingAfterItsCommit_KeepsTheCommittedMask()
    {
        // Arrange
        var (job, worker, task) = await UploadedMaskAsync();
        var answer = new JsonObject
        {
            ["crowd-semantic-segmentation"] = new JsonObject
            {
                ["inputImageProperties"] = new JsonObject { ["height"] = Height, ["width"] = Width },
                ["labeledImage"] = new JsonObject(),
            },
        };

        // Act: the transaction commits, then the next query (completing the job) fails.
        _afterCommit.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => _portal.Get<LabelingService>().SubmitAnswerAsync(task, worker, answer));

        // Assert: the labeled object names the mask, and the mask is there.
        var label = await _portal.WithDbAsync(db => db.DataObjects.Where(o => o.JobId == job).Select(o => o.LabelJson).SingleAsync());
        var file = Assert.Single(Directory.GetFiles(ConsolidatedFolder(job), "*.png"));
        Assert.Contains(Path.GetFileName(file), label, StringComparison.Ordinal);
    }

    private string ConsolidatedFolder(Guid job) =>
        Path.Combine(_portal.DataFolder, "objects", "jobs", job.ToString("N"), "annotations", "consolidated-annotation", "output");

    /// <summary>A one-worker segmentation job whose worker has claimed the task and uploaded a mask.</summary>
    private async Task<(Guid Job, string Worker, long Task)> UploadedMaskAsync()
    {
        var requester = await _portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var worker = await _portal.CreateUserAsync($"w-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var team = await _portal.CreateTeamAsync(Specs.UniqueName("team"), worker);
        var spec = Specs.Image(team, 1) with { TaskType = TaskType.SemanticSegmentation, LabelAttributeName = "regions-ref", Labels = [new("sky"), new("road")] };
        var job = await _portal.CreateJobAsync(spec, Specs.ImageManifest(_portal.DataFolder, 1), requester);
        var client = _portal.ClientFor(worker);
        var claim = await client.PostAsync($"/api/jobs/{job}/tasks/claim", null);
        var task = (await claim.Content.ReadFromJsonAsync<JsonObject>())!["taskId"]!.GetValue<long>();
        var pixels = new byte[Width * Height];
        pixels.AsSpan(0, Width * 10).Fill(2);
        var content = new ByteArrayContent(PalettePng.Encode(pixels, Width, Height, SegmentationPalette.Rgb(2)));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/api/tasks/{task}/mask", content)).StatusCode);
        return (job, worker, task);
    }

    /// <summary>Once armed, fails the first update that marks an object labeled with a retryable SQLite "busy" error.</summary>
    private sealed class FailOnceAfterLabeling : DbCommandInterceptor
    {
        public volatile bool Armed;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Armed && command.CommandText.Contains("HumanLabeled", StringComparison.Ordinal))
            {
                Armed = false;
                throw new SqliteException("database is locked (injected by the test)", 5);
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>Once armed, lets the next commit through and fails the command after it.</summary>
    private sealed class FailOnceAfterCommit : IDbTransactionInterceptor, IDbCommandInterceptor
    {
        private int _failNext;

        public volatile bool Armed;

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (Armed)
            {
                Armed = false;
                Interlocked.Exchange(ref _failNext, 1);
            }

            return Task.CompletedTask;
        }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Interlocked.Exchange(ref _failNext, 0) == 1
                ? throw new InvalidOperationException("Injected by the test after the commit.")
                : ValueTask.FromResult(result);
    }
}
