using System.Data;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Assignment;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;
using GroundTruth.Core.Segmentation;
using GroundTruth.Core.Storage;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Labeling;

/// <summary>
/// Hands out tasks and takes answers. Every rule that guards the data holds with many claimers in parallel, on SQLite
/// (one writer at a time) and on PostgreSQL (read committed, row locks): a worker never gets the same object twice (a
/// unique index); an object never has more than N live-or-submitted assignments (a conditional slot update); a worker
/// holds at most the job's concurrent-task limit (claims of one worker serialised on their membership row); and every
/// state change of a task is a conditional update, so expiry, stop, release and submit cannot both win.
/// </summary>
public sealed class LabelingService(
    IDbContextFactory<GroundTruthDbContext> dbFactory,
    JobProgressNotifier notifier,
    OutputManifestService output,
    SegmentationMaskService masks,
    EarlierMaskService earlierMasks,
    IObjectStore store,
    DataUrlSigner dataUrls,
    TimeProvider time)
{
    private const int MaxAttempts = 20;

    public async Task<IReadOnlyList<AvailableJob>> GetAvailableJobsAsync(string workerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.InProgress && db.WorkTeamMembers.Any(m => m.WorkTeamId == j.WorkTeamId && m.UserId == workerId))
            .Select(j => new
            {
                j.Id,
                j.Name,
                j.TaskType,
                j.Instructions.ShortText,
                j.CreatedAt,
                Available = db.DataObjects.Count(o => o.JobId == j.Id && o.Status == DataObjectStatus.Pending
                    && o.ClaimedSlots < j.WorkersPerObject + o.ExtraWorkers
                    && !db.Assignments.Any(a => a.DataObjectId == o.Id && a.WorkerId == workerId)),
                Active = db.Assignments.Where(a => a.JobId == j.Id && a.WorkerId == workerId && a.State == AssignmentState.Active)
                    .Select(a => (long?)a.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. jobs.Where(j => j.Available > 0 || j.Active is not null)
            .OrderBy(j => j.CreatedAt)
            .Select(j => new AvailableJob(j.Id, j.Name, j.TaskType, j.ShortText, j.Available, j.Active))];
    }

    /// <summary>Gives the worker their live task of the job if they have one, else claims the next object.</summary>
    /// <returns>The task id, or <c>null</c> when nothing is available to this worker.</returns>
    public Task<long?> ClaimNextAsync(Guid jobId, string workerId, CancellationToken cancellationToken = default) =>
        RunWithRetryAsync(async () =>
        {
            var expired = new List<long>();
            var taskId = await TryClaimAsync(jobId, workerId, expired, cancellationToken);
            await DeleteWorkerMasksAsync(store, jobId, expired, cancellationToken);
            return taskId;
        }, cancellationToken);

    public async Task<TaskForWorker?> GetTaskAsync(long taskId, string workerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var row = await (
            from a in db.Assignments.AsNoTracking()
            join o in db.DataObjects on a.DataObjectId equals o.Id
            join job in db.Jobs on a.JobId equals job.Id
            where a.Id == taskId && a.WorkerId == workerId && a.State == AssignmentState.Active && a.LeaseExpiresAt > now
            select new { a, o.Source, o.Width, o.Height, o.Id, o.ManifestLine, job }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var j = row.job;
        var contentUrl = dataUrls.UrlFor(row.a.Id, workerId, row.Id, row.a.LeaseExpiresAt);
        return new TaskForWorker(row.a.Id, j.Id, j.Name, j.TaskType, j.Labels, j.Instructions.ShortText, j.Instructions.FullText,
            j.Instructions.GoodExampleKeys, j.Instructions.BadExampleKeys, row.Id,
            j.Descriptor.DataKind == DataKind.Text ? row.Source : null, row.Width, row.Height, row.a.AcceptedAt, row.a.LeaseExpiresAt)
        {
            ManifestLine = row.ManifestLine,
            DraftJson = row.a.DraftJson,
            ContentUrl = contentUrl,
            PreAnnotationsAttribute = j.PreAnnotationsAttribute,
            EarlierLabelsJson = j.Descriptor.ReviewsMask
                ? EarlierMaskService.InitialValue(j, row.ManifestLine, contentUrl + DataUrlSigner.EarlierMaskSuffix)?.ToJsonString()
                : EarlierLabelsOf(j, row.ManifestLine, row.Width, row.Height),
        };
    }

    // The earlier job's shapes a verification or adjustment task shows, in the crowd element's output shape.
    private static string? EarlierLabelsOf(LabelingJob job, string manifestLine, int? width, int? height)
    {
        if (job.Descriptor.ReviewedShape is not { } kind || job.PreAnnotationsAttribute is not { } attribute)
        {
            return null;
        }

        var image = width is { } w && height is { } h ? new ImageSize(w, h) : (ImageSize?)null;
        return EarlierLabels.Read(manifestLine, attribute, kind, null, image).Element?.ToJsonString();
    }

    /// <summary>Whether the grant's task is still live and assigned to its worker (not released, expired or submitted).</summary>
    public async Task<bool> HoldsAsync(DataGrant grant, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await db.Assignments.AnyAsync(a => a.Id == grant.TaskId && a.DataObjectId == grant.DataObjectId && a.WorkerId == grant.WorkerId
            && a.State == AssignmentState.Active && a.LeaseExpiresAt > now, cancellationToken);
    }

    /// <summary>Records a classification answer. A second submit of the same task is accepted once, not counted twice.</summary>
    public Task<TaskOutcome> SubmitAsync(long taskId, string workerId, IReadOnlyList<string> chosenLabels, CancellationToken cancellationToken = default) =>
        RunWithRetryAsync(() => DeletingMasksOnFailureAsync(written => TrySubmitAsync(taskId, workerId, type => ClassificationAnswer.Create(type, chosenLabels), written, cancellationToken)), cancellationToken);

    /// <summary>Records an answer in the crowd element's output shape (boxes, spans, labels…), checked by <see cref="AnswerRules"/>.</summary>
    /// <remarks>A segmentation answer's mask is taken from the task's upload (or inline <c>pngImageData</c>), checked
    /// and kept in the object store; the recorded answer refers to it.</remarks>
    public async Task<TaskOutcome> SubmitAnswerAsync(long taskId, string workerId, JsonObject answer, CancellationToken cancellationToken = default)
    {
        if (answer[SegmentationMask.CrowdElement] is JsonObject)
        {
            var (prepared, problem) = await masks.PrepareAnswerAsync(taskId, workerId, answer, cancellationToken);
            if (problem is not null)
            {
                return new TaskOutcome(TaskOutcomeKind.Invalid, problem);
            }

            answer = prepared ?? answer;
        }

        return await RunWithRetryAsync(() => DeletingMasksOnFailureAsync(written => TrySubmitAsync(taskId, workerId, _ => answer, written, cancellationToken)), cancellationToken);
    }

    /// <summary>Saves the worker's work in progress on a live task, so a reload or a crash restores it.</summary>
    /// <returns><c>false</c> when the task is not live and the worker's (or the draft is too large).</returns>
    public async Task<bool> SaveDraftAsync(long taskId, string workerId, string draftJson, CancellationToken cancellationToken = default)
    {
        if (draftJson.Length > AnswerRules.MaxAnswerCharacters)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await db.Assignments
            .Where(a => a.Id == taskId && a.WorkerId == workerId && a.State == AssignmentState.Active && a.LeaseExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.DraftJson, draftJson).SetProperty(a => a.DraftSavedAt, now), cancellationToken) == 1;
    }

    /// <summary>Gives a task back to the pool (work lost); another worker can take it.</summary>
    public Task<TaskOutcome> ReleaseAsync(long taskId, string workerId, CancellationToken cancellationToken = default) =>
        EndAsync(taskId, workerId, AssignmentState.Released, cancellationToken);

    /// <summary>Gives back every live task of a worker (when their account is deactivated), so no work waits on them.</summary>
    /// <returns>How many tasks went back to the pool.</returns>
    public async Task<int> ReleaseAllAsync(string workerId, CancellationToken cancellationToken = default)
    {
        List<long> live;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            live = await db.Assignments.Where(a => a.WorkerId == workerId && a.State == AssignmentState.Active)
                .Select(a => a.Id).ToListAsync(cancellationToken);
        }

        var released = 0;
        foreach (var taskId in live)
        {
            if ((await ReleaseAsync(taskId, workerId, cancellationToken)).Kind == TaskOutcomeKind.Accepted)
            {
                released++;
            }
        }

        return released;
    }

    /// <summary>Declines a task; if every one of the job's N workers declines an object, it fails.</summary>
    public Task<TaskOutcome> DeclineAsync(long taskId, string workerId, CancellationToken cancellationToken = default) =>
        EndAsync(taskId, workerId, AssignmentState.Declined, cancellationToken);

    /// <summary>Expires overdue leases and fails objects nobody picked up within the availability lifetime.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobIds = await db.Jobs.Where(j => j.Status == JobStatus.InProgress).Select(j => j.Id).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var jobId in jobIds)
        {
            changed += await RunWithRetryAsync(() => DeletingMasksOnFailureAsync(written => SweepJobAsync(jobId, now, written, cancellationToken)), cancellationToken);
        }

        return changed;
    }

    /// <param name="expiredTasks">Receives the tasks whose leases the claim expired; every return commits them.</param>
    private async Task<long?> TryClaimAsync(Guid jobId, string workerId, List<long> expiredTasks, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var now = time.GetUtcNow();
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || !job.AcceptsWork)
        {
            return null;
        }

        // Updating the worker's membership row locks it until commit, so one worker's claims run one at a time
        // (PostgreSQL row lock; SQLite already serialises writers), which keeps the concurrent-task limit exact.
        var member = await db.WorkTeamMembers.Where(m => m.WorkTeamId == job.WorkTeamId && m.UserId == workerId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastActiveAt, now), cancellationToken);
        if (member == 0)
        {
            return null;
        }

        var expired = await ExpireLeasesAsync(db, jobId, now, now, cancellationToken);
        if (job.Descriptor.PaintsMask)
        {
            expiredTasks.AddRange(expired);
        }

        var active = await db.Assignments.Where(a => a.JobId == jobId && a.WorkerId == workerId && a.State == AssignmentState.Active)
            .OrderBy(a => a.AcceptedAt).Select(a => a.Id).ToListAsync(cancellationToken);
        if (active.Count >= job.MaxConcurrentTasksPerWorker)
        {
            await transaction.CommitAsync(cancellationToken);
            return active[0];
        }

        // Claimers may race for the same candidates; the conditional update lets at most N of them hold an object.
        var candidates = await db.DataObjects
            .Where(o => o.JobId == jobId && o.Status == DataObjectStatus.Pending && o.ClaimedSlots < job.WorkersPerObject + o.ExtraWorkers
                && o.AvailableUntil > now
                && !db.Assignments.Any(a => a.DataObjectId == o.Id && a.WorkerId == workerId))
            .OrderBy(o => o.DatasetObjectId)
            .Select(o => o.Id)
            .Take(16)
            .ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var taken = await db.DataObjects
                .Where(o => o.Id == candidate && o.Status == DataObjectStatus.Pending && o.ClaimedSlots < job.WorkersPerObject + o.ExtraWorkers)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedSlots, o => o.ClaimedSlots + 1), cancellationToken);
            if (taken == 0)
            {
                continue;
            }

            var assignment = new TaskAssignment
            {
                JobId = jobId,
                DataObjectId = candidate,
                WorkerId = workerId,
                State = AssignmentState.Active,
                AcceptedAt = now,
                LeaseExpiresAt = now.AddSeconds(job.TaskTimeLimitSeconds),
            };
            db.Assignments.Add(assignment);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return assignment.Id;
        }

        if (candidates.Count > 0)
        {
            throw new ClaimConflictException();
        }

        await transaction.CommitAsync(cancellationToken);
        return active.Count > 0 ? active[0] : null;
    }

    private async Task<TaskOutcome> TrySubmitAsync(long taskId, string workerId, Func<TaskTypeDescriptor, JsonObject> answerFor, List<string> writtenMasks, CancellationToken cancellationToken)
    {
        Guid jobId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var now = time.GetUtcNow();
            var assignment = await db.Assignments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == taskId && a.WorkerId == workerId, cancellationToken);
            if (assignment is null)
            {
                return TaskOutcome.NotFound;
            }

            var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == assignment.JobId, cancellationToken);
            var data = await db.DataObjects.Where(o => o.Id == assignment.DataObjectId)
                .Select(o => new { o.ManifestLine, o.Width, o.Height }).FirstAsync(cancellationToken);
            var image = data.Width is { } width && data.Height is { } height ? new ImageSize(width, height) : (ImageSize?)null;
            var answer = answerFor(job.Descriptor);
            var problem = answer.ToJsonString().Length > AnswerRules.MaxAnswerCharacters
                ? "The answer is too large."
                : AnswerRules.Validate(job.Descriptor, job.Labels, answer, data.ManifestLine, image);
            if (assignment.State == AssignmentState.Active && problem is not null)
            {
                return new TaskOutcome(TaskOutcomeKind.Invalid, problem);
            }

            // Only a live, unexpired task becomes submitted, whatever runs at the same time (expiry, stop, a second submit).
            var submitted = await db.Assignments
                .Where(a => a.Id == taskId && a.State == AssignmentState.Active && a.LeaseExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Submitted).SetProperty(a => a.EndedAt, now), cancellationToken);
            if (submitted == 0)
            {
                var state = await db.Assignments.Where(a => a.Id == taskId).Select(a => a.State).FirstAsync(cancellationToken);
                return state == AssignmentState.Submitted
                    ? new TaskOutcome(TaskOutcomeKind.AlreadySubmitted, "This task was already submitted; your answer was recorded once.")
                    : new TaskOutcome(TaskOutcomeKind.Expired,
                        "The time limit for this task ran out (or the task was returned), so the answer was not recorded. Take the next task.");
            }

            db.Responses.Add(new WorkerResponse
            {
                AssignmentId = assignment.Id,
                JobId = job.Id,
                DataObjectId = assignment.DataObjectId,
                WorkerId = workerId,
                AnswerContent = answer.ToJsonString(),
                AcceptanceTime = assignment.AcceptedAt,
                SubmissionTime = now,
                TimeSpentSeconds = (now - assignment.AcceptedAt).TotalSeconds,
            });
            await db.SaveChangesAsync(cancellationToken);
            await db.DataObjects.Where(o => o.Id == assignment.DataObjectId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ResponseCount, o => o.ResponseCount + 1), cancellationToken);
            var dataObject = await db.DataObjects.FirstAsync(o => o.Id == assignment.DataObjectId, cancellationToken);
            if (dataObject.ResponseCount >= job.WorkersPerObject + dataObject.ExtraWorkers && dataObject.Status == DataObjectStatus.Pending)
            {
                await ConsolidateAsync(db, job, dataObject, now, writtenMasks, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            writtenMasks.Clear(); // committed rows name them now
            jobId = job.Id;
        }

        await AfterChangeAsync(jobId, cancellationToken);
        return new TaskOutcome(TaskOutcomeKind.Accepted, "Submitted.");
    }

    private async Task<TaskOutcome> EndAsync(long taskId, string workerId, AssignmentState endState, CancellationToken cancellationToken)
    {
        return await RunWithRetryAsync(async () =>
        {
            Guid jobId;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
                var now = time.GetUtcNow();
                var assignment = await db.Assignments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == taskId && a.WorkerId == workerId, cancellationToken);
                if (assignment is null)
                {
                    return TaskOutcome.NotFound;
                }

                var ended = await db.Assignments.Where(a => a.Id == taskId && a.State == AssignmentState.Active)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, endState).SetProperty(a => a.EndedAt, now), cancellationToken);
                if (ended == 0)
                {
                    return new TaskOutcome(TaskOutcomeKind.Expired, "This task is no longer assigned to you.");
                }

                var declines = endState == AssignmentState.Declined ? 1 : 0;
                await db.DataObjects.Where(o => o.Id == assignment.DataObjectId).ExecuteUpdateAsync(s => s
                    .SetProperty(o => o.ClaimedSlots, o => o.ClaimedSlots - 1)
                    .SetProperty(o => o.DeclineCount, o => o.DeclineCount + declines), cancellationToken);
                var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == assignment.JobId, cancellationToken);
                var dataObject = await db.DataObjects.FirstAsync(o => o.Id == assignment.DataObjectId, cancellationToken);
                if (declines > 0 && dataObject.DeclineCount >= job.WorkersPerObject && dataObject.Status == DataObjectStatus.Pending)
                {
                    await FinishUnansweredAsync(db, job, dataObject, now, $"Declined by {dataObject.DeclineCount} workers.", cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                jobId = job.Id;
                if (job.Descriptor.PaintsMask)
                {
                    // The work is given up, so its mask (draft or upload) goes too.
                    await DeleteWorkerMasksAsync(store, job.Id, [taskId], cancellationToken);
                }
            }

            await AfterChangeAsync(jobId, cancellationToken);
            return new TaskOutcome(TaskOutcomeKind.Accepted, endState == AssignmentState.Declined ? "Declined." : "Released.");
        }, cancellationToken);
    }

    private async Task<int> SweepJobAsync(Guid jobId, DateTimeOffset now, List<string> writtenMasks, CancellationToken cancellationToken)
    {
        int changed;
        IReadOnlyList<long> expired;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            expired = await ExpireLeasesAsync(db, jobId, now, now, cancellationToken);
            changed = expired.Count;
            var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken);
            if (!job.Descriptor.PaintsMask)
            {
                expired = [];
            }
            var overdue = await db.DataObjects
                .Where(o => o.JobId == jobId && o.Status == DataObjectStatus.Pending && o.AvailableUntil <= now
                    && !db.Assignments.Any(a => a.DataObjectId == o.Id && a.State == AssignmentState.Active))
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var dataObject in overdue)
            {
                if (dataObject.ResponseCount > 0)
                {
                    await ConsolidateAsync(db, job, dataObject, now, writtenMasks, cancellationToken);
                }
                else
                {
                    await FinishUnansweredAsync(db, job, dataObject, now, "Not picked up within the task availability lifetime.", cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            writtenMasks.Clear(); // committed rows name them now
            changed += overdue.Count;
        }

        await DeleteWorkerMasksAsync(store, jobId, expired, cancellationToken);

        if (changed > 0)
        {
            await AfterChangeAsync(jobId, cancellationToken);
        }

        return changed;
    }

    /// <summary>
    /// After a commit: completes the job when nothing is pending (checked outside the writing transaction so two
    /// concurrent last submissions cannot each miss the other's), writes its final output, and tells open pages.
    /// </summary>
    private async Task AfterChangeAsync(Guid jobId, CancellationToken cancellationToken)
    {
        bool completed;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            completed = !await db.DataObjects.AnyAsync(o => o.JobId == jobId && o.Status == DataObjectStatus.Pending, cancellationToken)
                && await db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.InProgress).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Completed)
                    .SetProperty(j => j.LastModifiedAt, time.GetUtcNow())
                    .SetProperty(j => j.Version, Guid.NewGuid()), cancellationToken) > 0;
        }

        if (completed)
        {
            await output.WriteFinalAsync(jobId, cancellationToken);
        }

        notifier.NotifyChanged(jobId);
    }

    /// <summary>
    /// Expires the job's live leases that end by <paramref name="endingBy"/> (all of them with
    /// <see cref="DateTimeOffset.MaxValue"/>, when a job stops), one by one with a conditional update, so a lease is
    /// expired and its object's slot freed exactly once whatever runs at the same time.
    /// </summary>
    /// <returns>The tasks this call expired (their worker masks can go once the transaction commits).</returns>
    internal static async Task<IReadOnlyList<long>> ExpireLeasesAsync(GroundTruthDbContext db, Guid jobId, DateTimeOffset endingBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var overdue = await db.Assignments
            .Where(a => a.JobId == jobId && a.State == AssignmentState.Active && a.LeaseExpiresAt <= endingBy)
            .Select(a => new { a.Id, a.DataObjectId })
            .ToListAsync(cancellationToken);
        var expired = new List<long>();
        foreach (var assignment in overdue)
        {
            var changed = await db.Assignments.Where(a => a.Id == assignment.Id && a.State == AssignmentState.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Expired).SetProperty(a => a.EndedAt, now), cancellationToken);
            if (changed == 1)
            {
                await db.DataObjects.Where(o => o.Id == assignment.DataObjectId)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedSlots, o => o.ClaimedSlots - 1), cancellationToken);
                expired.Add(assignment.Id);
            }
        }

        return expired;
    }

    private async Task ConsolidateAsync(GroundTruthDbContext db, LabelingJob job, DataObject dataObject, DateTimeOffset now, List<string> writtenMasks, CancellationToken cancellationToken)
    {
        var answers = await db.Responses.AsNoTracking()
            .Where(r => r.DataObjectId == dataObject.Id)
            .OrderBy(r => r.SubmissionTime)
            .Select(r => new { r.WorkerId, r.AnswerContent })
            .ToListAsync(cancellationToken);
        var workerAnswers = answers.Select(a => new WorkerAnswer(a.WorkerId, (JsonObject)JsonNode.Parse(a.AnswerContent)!)).ToList();
        var result = job.Descriptor.PaintsMask
            ? await ConsolidateMasksAsync(job, dataObject, workerAnswers, now, writtenMasks, cancellationToken)
            : Consolidators.ConsolidateObject(job.Descriptor, job.Labels, job.PreAnnotationsAttribute, dataObject.ManifestLine, workerAnswers);
        if (result is null)
        {
            await FinishUnansweredAsync(db, job, dataObject, now, "None of the workers' masks could be read.", cancellationToken);
            return;
        }

        var metadata = LabelMetadata.Complete(result.Metadata, job.Descriptor.OutputType, job.Name, humanAnnotated: true, now);
        var labelJson = result.Label.ToJsonString();
        var metadataJson = metadata.ToJsonString();
        var labeled = await db.DataObjects.Where(o => o.Id == dataObject.Id && o.Status == DataObjectStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.LabelJson, labelJson)
            .SetProperty(o => o.MetadataJson, metadataJson)
            .SetProperty(o => o.Status, DataObjectStatus.Labeled)
            .SetProperty(o => o.CompletedAt, now), cancellationToken);
        if (labeled == 0)
        {
            return;
        }

        await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.HumanLabeled, j => j.HumanLabeled + 1)
            .SetProperty(j => j.LastModifiedAt, now), cancellationToken);
    }

    /// <summary>
    /// Votes the workers' masks (<see cref="SegmentationConsolidation"/>) and writes the consolidated palette PNG beside
    /// the output manifest; the label value is its store key, added to <paramref name="writtenMasks"/> so a failed
    /// transaction can delete it.
    /// </summary>
    private async Task<ConsolidatedAnnotation?> ConsolidateMasksAsync(LabelingJob job, DataObject dataObject, IReadOnlyList<WorkerAnswer> answers, DateTimeOffset now, List<string> writtenMasks, CancellationToken cancellationToken)
    {
        var read = await masks.ReadMasksAsync(answers.Select(a => a.AnswerContent), cancellationToken);
        if (read.Count == 0)
        {
            return null;
        }

        var vote = SegmentationConsolidation.Consolidate(read);
        var key = SegmentationMaskService.ConsolidatedKey(job.Id, dataObject.DatasetObjectId, now);
        writtenMasks.Add(key);
        await store.WriteAsync(key, new MemoryStream(SegmentationConsolidation.EncodePng(vote.Mask, job.Labels.Count)), cancellationToken);
        var annotation = SegmentationConsolidation.Annotation(job.Labels, key, vote.Confidence);
        if (job.Descriptor.Review == ReviewKind.Adjustment)
        {
            // Compared with each worker's mask, not the vote: smoothing alone must not make an untouched mask "adjusted".
            // Import refused lines whose earlier mask was unusable, so one that is now unreadable counts as adjusted.
            var earlier = await earlierMasks.ReadAsync(job, dataObject.ManifestLine, new ImageSize(read[0].Width, read[0].Height), cancellationToken);
            annotation.Metadata[AdjustmentStatus.Key] = earlier.Mask is null ? AdjustmentStatus.Adjusted : AdjustmentStatus.Of(earlier.Mask, read);
        }

        return annotation;
    }

    private static async Task FinishUnansweredAsync(GroundTruthDbContext db, LabelingJob job, DataObject dataObject, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        var failed = await db.DataObjects.Where(o => o.Id == dataObject.Id && o.Status == DataObjectStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, DataObjectStatus.Failed)
            .SetProperty(o => o.FailureReason, reason)
            .SetProperty(o => o.CompletedAt, now), cancellationToken);
        if (failed == 0)
        {
            return;
        }

        await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.FailedNonRetryableError, j => j.FailedNonRetryableError + 1)
            .SetProperty(j => j.LastModifiedAt, now), cancellationToken);
    }

    /// <summary>
    /// Deletes the worker masks of tasks that ended without an answer (released, declined, expired): nothing will read
    /// them again. Call after the transaction that ended the tasks commits. Masks exist only for segmentation jobs'
    /// tasks; callers pass an empty list for other jobs. Best effort and not cancelled: the change that ended the tasks
    /// has committed.
    /// </summary>
    internal static async Task DeleteWorkerMasksAsync(IObjectStore store, Guid jobId, IReadOnlyList<long> taskIds, CancellationToken cancellationToken)
    {
        foreach (var taskId in taskIds)
        {
            try
            {
                await store.DeleteAsync(SegmentationMaskService.MaskKey(jobId, taskId), CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or System.Net.Http.HttpRequestException)
            {
                // Best effort: the claim, sweep or stop that ended the task has committed and must still report so; a
                // mask left behind is unreachable (its task is over) and harmless.
            }
        }
    }

    /// <summary>
    /// Runs one transaction attempt that may write consolidated masks. The object store is outside the transaction, so
    /// when the attempt throws before its commit (a conflict about to be retried, or a failure) the masks it wrote are
    /// deleted: no committed row names them. The attempt empties the list once it commits. They are written before the commit, not after it, so a committed label never names a
    /// file that a crash kept from being written.
    /// </summary>
    private async Task<T> DeletingMasksOnFailureAsync<T>(Func<List<string>, Task<T>> attempt)
    {
        var written = new List<string>();
        try
        {
            return await attempt(written);
        }
        catch
        {
            foreach (var key in written)
            {
                try
                {
                    await store.DeleteAsync(key, CancellationToken.None);
                }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException or InvalidOperationException or System.Net.Http.HttpRequestException)
                {
                    // The attempt's own failure is the one worth reporting (and retrying); an orphan file is harmless.
                }
            }

            throw;
        }
    }

    private static async Task<T> RunWithRetryAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsConflict(ex))
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// A conflict the transaction can be retried after: PostgreSQL's serialization failure (40001) or deadlock
    /// (40P01), SQLite's busy/locked, a lost claim race, or a unique-index violation from a concurrent insert.
    /// </summary>
    private static bool IsConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ClaimConflictException:
                    return true;
                case DbException { SqlState: "40001" or "40P01" or "23505" }:
                    return true;
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } sqlite when sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }

    private sealed class ClaimConflictException : Exception;
}
