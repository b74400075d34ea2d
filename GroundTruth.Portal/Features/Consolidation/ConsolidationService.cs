using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Assignment;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Security;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Consolidation;

/// <summary>
/// Job-wide consolidation for requesters: runs with chosen settings (kept side by side, never overwriting worker
/// responses), the choice of run for the output manifest, per-worker quality, and the disagreement queue.
/// </summary>
public sealed class ConsolidationService(
    IDbContextFactory<GroundTruthDbContext> dbFactory,
    ConsolidationRuns queue,
    JobProgressNotifier notifier,
    TimeProvider time)
{
    public async Task<(Guid? RunId, IReadOnlyList<string> Errors)> StartRunAsync(Guid jobId, ConsolidationSettings settings, Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || !JobService.CanSee(job, caller))
        {
            return (null, ["The job does not exist."]);
        }

        var errors = settings.Validate(job.Descriptor);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var run = new ConsolidationRun
        {
            Id = Guid.NewGuid(),
            JobId = jobId,
            Settings = settings,
            Status = RunStatus.Queued,
            RequestedBy = caller.UserId,
            CreatedAt = time.GetUtcNow(),
        };
        db.ConsolidationRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await queue.EnqueueAsync(run.Id, cancellationToken);
        return (run.Id, []);
    }

    /// <summary>Runs a restart interrupted: running ones go back to the queue (their labels are written in one save at the end, so none are half-stored).</summary>
    public async Task<IReadOnlyList<Guid>> RequeueInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.ConsolidationRuns.Where(r => r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Queued), cancellationToken);
        return await db.ConsolidationRuns.Where(r => r.Status == RunStatus.Queued).OrderBy(r => r.CreatedAt).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Computes a queued run: reads every response of the job, consolidates, stores the labels and worker quality.</summary>
    public async Task ExecuteRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.ConsolidationRuns.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || run.Status != RunStatus.Queued)
        {
            return;
        }

        run.Status = RunStatus.Running;
        await db.SaveChangesAsync(cancellationToken);
        notifier.NotifyChanged(run.JobId);
        try
        {
            var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == run.JobId, cancellationToken);
            var responses = await db.Responses.AsNoTracking().Where(r => r.JobId == job.Id)
                .Select(r => new { r.DataObjectId, r.WorkerId, r.AnswerContent }).ToListAsync(cancellationToken);
            var answers = responses.Select(r => new ObjectAnswer(r.DataObjectId, r.WorkerId, (JsonObject)JsonNode.Parse(r.AnswerContent)!)).ToList();
            var result = JobConsolidation.Run(job.Descriptor, job.Labels, answers, run.Settings);
            var live = await db.DataObjects.AsNoTracking().Where(o => o.JobId == job.Id && o.LabelJson != null)
                .Select(o => new { o.Id, o.LabelJson, o.MetadataJson })
                .ToDictionaryAsync(o => o.Id, o => (Label: o.LabelJson!, Metadata: o.MetadataJson), cancellationToken);
            var now = time.GetUtcNow();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var label in result.Labels)
            {
                // Whether a worker changed the earlier labels does not depend on how answers are merged: keep the live status.
                if (job.Descriptor.Review == Core.Review.ReviewKind.Adjustment && live.TryGetValue(label.ObjectId, out var adjusted)
                    && adjusted.Metadata is not null && JsonNode.Parse(adjusted.Metadata)?[Core.Review.AdjustmentStatus.Key] is JsonValue status)
                {
                    label.Annotation.Metadata[Core.Review.AdjustmentStatus.Key] = status.GetValue<string>();
                }

                var metadata = LabelMetadata.Complete(label.Annotation.Metadata, job.Descriptor.OutputType, job.Name, humanAnnotated: true, now);
                var labelJson = label.Annotation.Label.ToJsonString();
                db.RunLabels.Add(new RunLabel
                {
                    RunId = run.Id,
                    DataObjectId = label.ObjectId,
                    LabelJson = labelJson,
                    MetadataJson = metadata.ToJsonString(),
                    Confidence = label.Confidence,
                });
                if (live.TryGetValue(label.ObjectId, out var liveLabel) && liveLabel.Label != labelJson)
                {
                    run.ChangedCount++;
                }
            }

            run.ObjectCount = result.Labels.Count;
            run.WorkerQualityJson = JsonSerializer.Serialize(result.Workers, JsonSerializerOptions.Web);
            run.Status = RunStatus.Completed;
            run.CompletedAt = now;
            db.ConsolidationRuns.Update(run);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            await db.ConsolidationRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RunStatus.Failed)
                .SetProperty(r => r.Error, ex.Message), cancellationToken);
        }

        notifier.NotifyChanged(run.JobId);
    }

    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(Guid jobId, Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || !JobService.CanSee(job, caller))
        {
            return [];
        }

        var runs = await db.ConsolidationRuns.AsNoTracking().Where(r => r.JobId == jobId).ToListAsync(cancellationToken);
        return [.. runs.OrderByDescending(r => r.CreatedAt).Select(r => new RunSummary(r.Id, r.Settings, r.Status, r.CreatedAt, r.CompletedAt,
            r.ObjectCount, r.ChangedCount, r.Error, r.Id == job.SelectedRunId))];
    }

    /// <summary>Chooses the run the output manifest uses; <c>null</c> returns to the per-object labels.</summary>
    public async Task<bool> SelectRunAsync(Guid jobId, Guid? runId, Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || !JobService.CanSee(job, caller)
            || (runId is not null && !await db.ConsolidationRuns.AnyAsync(r => r.Id == runId && r.JobId == jobId && r.Status == RunStatus.Completed, cancellationToken)))
        {
            return false;
        }

        job.SelectedRunId = runId;
        job.LastModifiedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        notifier.NotifyChanged(jobId);
        return true;
    }

    /// <summary>Per-worker quality: the run's Dawid–Skene estimates (latest completed run unless one is named), with answers, time per task and agreement.</summary>
    public async Task<IReadOnlyList<WorkerQualityRow>> GetWorkerQualityAsync(Guid jobId, Guid? runId, Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || !JobService.CanSee(job, caller))
        {
            return [];
        }

        var run = await db.ConsolidationRuns.AsNoTracking()
            .Where(r => r.JobId == jobId && r.Status == RunStatus.Completed && (runId == null || r.Id == runId))
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var estimates = run is null
            ? []
            : (JsonSerializer.Deserialize<List<WorkerQuality>>(run.WorkerQualityJson, JsonSerializerOptions.Web) ?? []).ToDictionary(w => w.WorkerId);
        var responses = await db.Responses.AsNoTracking().Where(r => r.JobId == jobId)
            .Select(r => new { r.WorkerId, r.DataObjectId, r.AnswerContent, r.TimeSpentSeconds }).ToListAsync(cancellationToken);
        var emails = await db.Users.AsNoTracking().Where(u => responses.Select(r => r.WorkerId).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        if (!ConsolidationSettings.ClassifiesWholeObjects(job.Descriptor))
        {
            // Shapes and entities: agreement with an equal-weight consensus of every object answered so far.
            var answers = responses.Select(r => new ObjectAnswer(r.DataObjectId, r.WorkerId, (JsonObject)JsonNode.Parse(r.AnswerContent)!)).ToList();
            var agreement = answers.Count == 0 || ConsolidationSettings.MethodsFor(job.Descriptor).Count == 0 ? [] : JobConsolidation.Run(job.Descriptor, job.Labels, answers, new ConsolidationSettings("equal")).Workers.ToDictionary(w => w.WorkerId);
            return [.. responses.GroupBy(r => r.WorkerId).Select(g =>
            {
                estimates.TryGetValue(g.Key, out var estimate);
                var equal = agreement.GetValueOrDefault(g.Key);
                return new WorkerQualityRow(g.Key, emails.GetValueOrDefault(g.Key, g.Key), g.Count(), estimate?.Accuracy, estimate?.SpammerScore,
                    estimate?.IsSpammer ?? equal?.IsSpammer ?? false, g.Average(r => r.TimeSpentSeconds), equal?.Accuracy ?? 0);
            }).OrderBy(w => w.EstimatedAccuracy ?? w.AgreementWithConsensus)];
        }

        var consensus = await db.DataObjects.AsNoTracking().Where(o => o.JobId == jobId && o.MetadataJson != null)
            .Select(o => new { o.Id, o.MetadataJson }).ToDictionaryAsync(o => o.Id, o => ConsensusLabels(o.MetadataJson!), cancellationToken);
        return [.. responses.GroupBy(r => r.WorkerId).Select(g =>
        {
            estimates.TryGetValue(g.Key, out var estimate);
            var agreed = g.Count(r => consensus.TryGetValue(r.DataObjectId, out var labels)
                && labels.SetEquals(ClassificationAnswer.Read((JsonObject)JsonNode.Parse(r.AnswerContent)!)));
            var judged = g.Count(r => consensus.ContainsKey(r.DataObjectId));
            return new WorkerQualityRow(g.Key, emails.GetValueOrDefault(g.Key, g.Key), g.Count(), estimate?.Accuracy, estimate?.SpammerScore,
                estimate?.IsSpammer ?? false, g.Average(r => r.TimeSpentSeconds), judged == 0 ? 0 : (double)agreed / judged);
        }).OrderBy(w => w.EstimatedAccuracy ?? w.AgreementWithConsensus)];
    }

    /// <summary>Objects whose confidence (in the selected run, else the per-object labels) is below <paramref name="threshold"/>.</summary>
    public async Task<IReadOnlyList<DisagreementRow>> GetDisagreementsAsync(Guid jobId, double threshold, Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || !JobService.CanSee(job, caller))
        {
            return [];
        }

        List<(long Id, long DatasetObjectId, string Source, string? Label, string? Metadata, double Confidence, int Answers, int Extra)> rows;
        if (job.SelectedRunId is { } runId)
        {
            rows = [.. (await db.RunLabels.AsNoTracking().Where(l => l.RunId == runId && l.Confidence < threshold)
                .Join(db.DataObjects, l => l.DataObjectId, o => o.Id, (l, o) => new { o.Id, o.DatasetObjectId, o.Source, l.LabelJson, l.MetadataJson, l.Confidence, o.ResponseCount, o.ExtraWorkers })
                .ToListAsync(cancellationToken)).Select(r => (r.Id, r.DatasetObjectId, r.Source, (string?)r.LabelJson, (string?)r.MetadataJson, r.Confidence, r.ResponseCount, r.ExtraWorkers))];
        }
        else
        {
            var labeled = await db.DataObjects.AsNoTracking().Where(o => o.JobId == jobId && o.Status == DataObjectStatus.Labeled)
                .Select(o => new { o.Id, o.DatasetObjectId, o.Source, o.LabelJson, o.MetadataJson, o.ResponseCount, o.ExtraWorkers }).ToListAsync(cancellationToken);
            rows = [.. labeled.Select(o => (o.Id, o.DatasetObjectId, o.Source, o.LabelJson, o.MetadataJson, ConfidenceOf(o.MetadataJson!), o.ResponseCount, o.ExtraWorkers))
                .Where(r => r.Item6 < threshold)];
        }

        var kind = ImageShapeAnswer.KindOf(job.Descriptor);
        return [.. rows.OrderBy(r => r.Confidence).ThenBy(r => r.DatasetObjectId)
            .Select(r => new DisagreementRow(r.Id, r.DatasetObjectId, r.Source, r.Metadata is null ? null : LabelText(r.Label, r.Metadata, kind), r.Confidence, r.Answers, r.Extra > 0))];
    }

    /// <summary>Sends objects back for more answers: each gets <paramref name="moreWorkers"/> extra workers and returns to the pool.</summary>
    public async Task<int> SendBackAsync(Guid jobId, IReadOnlyList<long> objectIds, int moreWorkers, Caller caller, CancellationToken cancellationToken = default)
    {
        if (moreWorkers is < 1 or > 9 || objectIds.Count == 0)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || !JobService.CanSee(job, caller) || job.Status is JobStatus.Stopped or JobStatus.Stopping or JobStatus.Failed)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reopened = await db.DataObjects
            .Where(o => o.JobId == jobId && objectIds.Contains(o.Id) && o.Status == DataObjectStatus.Labeled)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, DataObjectStatus.Pending)
                .SetProperty(o => o.ExtraWorkers, o => o.ExtraWorkers + moreWorkers)
                .SetProperty(o => o.AvailableUntil, now.AddSeconds(job.TaskAvailabilityLifetimeSeconds)), cancellationToken);
        if (reopened > 0)
        {
            await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.HumanLabeled, j => j.HumanLabeled - reopened)
                .SetProperty(j => j.Status, j => j.Status == JobStatus.Completed ? JobStatus.InProgress : j.Status)
                .SetProperty(j => j.LastModifiedAt, now)
                .SetProperty(j => j.Version, Guid.NewGuid()), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        notifier.NotifyChanged(jobId);
        return reopened;
    }

    private static IReadOnlySet<string> ConsensusLabels(string metadataJson) => LabelSummary.ClassNames(JsonNode.Parse(metadataJson)!.AsObject());

    private static double ConfidenceOf(string metadataJson) => LabelSummary.Confidence(JsonNode.Parse(metadataJson)!.AsObject()) ?? 0;

    private static string LabelText(string? labelJson, string metadataJson, ShapeKind? kind) =>
        LabelSummary.Text(labelJson is null ? null : JsonNode.Parse(labelJson), JsonNode.Parse(metadataJson)!.AsObject(), kind);
}
