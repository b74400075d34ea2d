using System.Data;
using System.Data.Common;
using System.Text.Json;
using GroundTruth.Core.Assignment;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Labeling;

/// <summary>
/// Hands out tasks and takes answers. Every rule that guards the data — a worker never gets the same object twice,
/// an object never has more than N live-or-submitted assignments, a worker holds at most the job's concurrent-task
/// limit — is enforced inside one serializable transaction (retried on conflicts) and backed by a unique index, so
/// it holds with many claimers in parallel on SQLite and on PostgreSQL.
/// </summary>
public sealed class LabelingService(
    IDbContextFactory<GroundTruthDbContext> dbFactory,
    JobProgressNotifier notifier,
    OutputManifestService output,
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
                    && o.ClaimedSlots < j.WorkersPerObject
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
    public async Task<long?> ClaimNextAsync(Guid jobId, string workerId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryClaimAsync(jobId, workerId, cancellationToken);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsConflict(ex))
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    public async Task<TaskForWorker?> GetTaskAsync(long taskId, string workerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var row = await (
            from a in db.Assignments.AsNoTracking()
            join o in db.DataObjects on a.DataObjectId equals o.Id
            join job in db.Jobs on a.JobId equals job.Id
            where a.Id == taskId && a.WorkerId == workerId && a.State == AssignmentState.Active && a.LeaseExpiresAt > now
            select new { a, o.Source, o.Width, o.Height, o.Id, job }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var j = row.job;
        return new TaskForWorker(row.a.Id, j.Id, j.Name, j.TaskType, j.Labels, j.Instructions.ShortText, j.Instructions.FullText,
            j.Instructions.GoodExampleKeys, j.Instructions.BadExampleKeys, row.Id,
            j.Descriptor.DataKind == DataKind.Text ? row.Source : null, row.Width, row.Height, row.a.AcceptedAt, row.a.LeaseExpiresAt);
    }

    /// <summary>Whether the worker holds a live task for the data object (so may see its content).</summary>
    public async Task<bool> HoldsObjectAsync(long dataObjectId, string workerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await db.Assignments.AnyAsync(a => a.DataObjectId == dataObjectId && a.WorkerId == workerId
            && a.State == AssignmentState.Active && a.LeaseExpiresAt > now, cancellationToken);
    }

    /// <summary>Records a classification answer. A second submit of the same task is accepted once, not counted twice.</summary>
    public async Task<TaskOutcome> SubmitAsync(long taskId, string workerId, IReadOnlyList<string> chosenLabels, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TrySubmitAsync(taskId, workerId, chosenLabels, cancellationToken);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsConflict(ex))
            {
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Gives a task back to the pool (work lost); another worker can take it.</summary>
    public Task<TaskOutcome> ReleaseAsync(long taskId, string workerId, CancellationToken cancellationToken = default) =>
        EndAsync(taskId, workerId, AssignmentState.Released, cancellationToken);

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
            changed += await RunWithRetryAsync(() => SweepJobAsync(jobId, now, cancellationToken), cancellationToken);
        }

        return changed;
    }

    private async Task<long?> TryClaimAsync(Guid jobId, string workerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var now = time.GetUtcNow();
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || !job.AcceptsWork
            || !await db.WorkTeamMembers.AnyAsync(m => m.WorkTeamId == job.WorkTeamId && m.UserId == workerId, cancellationToken))
        {
            return null;
        }

        await ExpireLeasesAsync(db, jobId, now, cancellationToken);
        var active = await db.Assignments.Where(a => a.JobId == jobId && a.WorkerId == workerId && a.State == AssignmentState.Active)
            .OrderBy(a => a.AcceptedAt).Select(a => a.Id).ToListAsync(cancellationToken);
        if (active.Count > 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return active[0];
        }

        var candidate = await db.DataObjects
            .Where(o => o.JobId == jobId && o.Status == DataObjectStatus.Pending && o.ClaimedSlots < job.WorkersPerObject
                && o.AvailableUntil > now
                && !db.Assignments.Any(a => a.DataObjectId == o.Id && a.WorkerId == workerId))
            .OrderBy(o => o.DatasetObjectId)
            .Select(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (candidate == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var taken = await db.DataObjects
            .Where(o => o.Id == candidate && o.ClaimedSlots < job.WorkersPerObject)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedSlots, o => o.ClaimedSlots + 1), cancellationToken);
        if (taken == 0)
        {
            throw new ClaimConflictException();
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

    private async Task<TaskOutcome> TrySubmitAsync(long taskId, string workerId, IReadOnlyList<string> chosenLabels, CancellationToken cancellationToken)
    {
        Guid jobId;
        bool jobFinished;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var now = time.GetUtcNow();
            var assignment = await db.Assignments.FirstOrDefaultAsync(a => a.Id == taskId && a.WorkerId == workerId, cancellationToken);
            if (assignment is null)
            {
                return TaskOutcome.NotFound;
            }

            if (assignment.State == AssignmentState.Submitted)
            {
                return new TaskOutcome(TaskOutcomeKind.AlreadySubmitted, "This task was already submitted; your answer was recorded once.");
            }

            if (assignment.State != AssignmentState.Active || assignment.LeaseExpiresAt <= now)
            {
                return new TaskOutcome(TaskOutcomeKind.Expired,
                    "The time limit for this task ran out (or the task was returned), so the answer was not recorded. Take the next task.");
            }

            var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == assignment.JobId, cancellationToken);
            var problem = ClassificationAnswer.Validate(job.Descriptor, job.Labels, chosenLabels);
            if (problem is not null)
            {
                return new TaskOutcome(TaskOutcomeKind.Invalid, problem);
            }

            var answer = ClassificationAnswer.Create(job.Descriptor, chosenLabels);
            assignment.State = AssignmentState.Submitted;
            assignment.EndedAt = now;
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
            var dataObject = await db.DataObjects.FirstAsync(o => o.Id == assignment.DataObjectId, cancellationToken);
            dataObject.ResponseCount++;
            await db.SaveChangesAsync(cancellationToken);
            if (dataObject.ResponseCount >= job.WorkersPerObject && dataObject.Status == DataObjectStatus.Pending)
            {
                await ConsolidateAsync(db, job, dataObject, now, cancellationToken);
            }

            jobFinished = await CompleteJobIfDoneAsync(db, job.Id, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            jobId = job.Id;
        }

        if (jobFinished)
        {
            await output.WriteFinalAsync(jobId, cancellationToken);
        }

        notifier.NotifyChanged(jobId);
        return new TaskOutcome(TaskOutcomeKind.Accepted, "Submitted.");
    }

    private async Task<TaskOutcome> EndAsync(long taskId, string workerId, AssignmentState endState, CancellationToken cancellationToken)
    {
        return await RunWithRetryAsync(async () =>
        {
            Guid jobId;
            bool jobFinished;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                var now = time.GetUtcNow();
                var assignment = await db.Assignments.FirstOrDefaultAsync(a => a.Id == taskId && a.WorkerId == workerId, cancellationToken);
                if (assignment is null)
                {
                    return TaskOutcome.NotFound;
                }

                if (assignment.State != AssignmentState.Active)
                {
                    return new TaskOutcome(TaskOutcomeKind.Expired, "This task is no longer assigned to you.");
                }

                var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == assignment.JobId, cancellationToken);
                assignment.State = endState;
                assignment.EndedAt = now;
                var dataObject = await db.DataObjects.FirstAsync(o => o.Id == assignment.DataObjectId, cancellationToken);
                dataObject.ClaimedSlots--;
                if (endState == AssignmentState.Declined)
                {
                    dataObject.DeclineCount++;
                    if (dataObject.DeclineCount >= job.WorkersPerObject && dataObject.Status == DataObjectStatus.Pending)
                    {
                        await FinishUnansweredAsync(db, job, dataObject, now, $"Declined by {dataObject.DeclineCount} workers.", cancellationToken);
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                jobFinished = await CompleteJobIfDoneAsync(db, job.Id, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                jobId = job.Id;
            }

            if (jobFinished)
            {
                await output.WriteFinalAsync(jobId, cancellationToken);
            }

            notifier.NotifyChanged(jobId);
            return new TaskOutcome(TaskOutcomeKind.Accepted, endState == AssignmentState.Declined ? "Declined." : "Released.");
        }, cancellationToken);
    }

    private async Task<int> SweepJobAsync(Guid jobId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool jobFinished;
        int changed;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            changed = await ExpireLeasesAsync(db, jobId, now, cancellationToken);
            var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken);
            var overdue = await db.DataObjects
                .Where(o => o.JobId == jobId && o.Status == DataObjectStatus.Pending && o.AvailableUntil <= now
                    && !db.Assignments.Any(a => a.DataObjectId == o.Id && a.State == AssignmentState.Active))
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var dataObject in overdue)
            {
                if (dataObject.ResponseCount > 0)
                {
                    await ConsolidateAsync(db, job, dataObject, now, cancellationToken);
                }
                else
                {
                    await FinishUnansweredAsync(db, job, dataObject, now, "Not picked up within the task availability lifetime.", cancellationToken);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            jobFinished = await CompleteJobIfDoneAsync(db, jobId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            changed += overdue.Count;
        }

        if (jobFinished)
        {
            await output.WriteFinalAsync(jobId, cancellationToken);
        }

        if (changed > 0)
        {
            notifier.NotifyChanged(jobId);
        }

        return changed;
    }

    private static async Task<int> ExpireLeasesAsync(GroundTruthDbContext db, Guid jobId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.Assignments
            .Where(a => a.JobId == jobId && a.State == AssignmentState.Active && a.LeaseExpiresAt <= now)
            .ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }

        foreach (var assignment in expired)
        {
            assignment.State = AssignmentState.Expired;
            assignment.EndedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var group in expired.GroupBy(a => a.DataObjectId))
        {
            var count = group.Count();
            await db.DataObjects.Where(o => o.Id == group.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimedSlots, o => o.ClaimedSlots - count), cancellationToken);
        }

        return expired.Count;
    }

    private static async Task ConsolidateAsync(GroundTruthDbContext db, LabelingJob job, DataObject dataObject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var answers = await db.Responses.AsNoTracking()
            .Where(r => r.DataObjectId == dataObject.Id)
            .OrderBy(r => r.SubmissionTime)
            .Select(r => new { r.WorkerId, r.AnswerContent })
            .ToListAsync(cancellationToken);
        var consolidator = Consolidators.For(job.TaskType);
        var result = consolidator.Consolidate(job.Labels,
            [.. answers.Select(a => new WorkerAnswer(a.WorkerId, (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(a.AnswerContent)!))]);
        var metadata = LabelMetadata.Complete(result.Metadata, job.Descriptor.OutputType, job.Name, humanAnnotated: true, now);
        dataObject.LabelJson = result.Label.ToJsonString();
        dataObject.MetadataJson = metadata.ToJsonString();
        dataObject.Status = DataObjectStatus.Labeled;
        dataObject.CompletedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.HumanLabeled, j => j.HumanLabeled + 1)
            .SetProperty(j => j.LastModifiedAt, now), cancellationToken);
    }

    private static async Task FinishUnansweredAsync(GroundTruthDbContext db, LabelingJob job, DataObject dataObject, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        dataObject.Status = DataObjectStatus.Failed;
        dataObject.FailureReason = reason;
        dataObject.CompletedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.FailedNonRetryableError, j => j.FailedNonRetryableError + 1)
            .SetProperty(j => j.LastModifiedAt, now), cancellationToken);
    }

    private static async Task<bool> CompleteJobIfDoneAsync(GroundTruthDbContext db, Guid jobId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.DataObjects.AnyAsync(o => o.JobId == jobId && o.Status == DataObjectStatus.Pending, cancellationToken))
        {
            return false;
        }

        return await db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.InProgress).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Completed)
            .SetProperty(j => j.LastModifiedAt, now)
            .SetProperty(j => j.Version, Guid.NewGuid()), cancellationToken) > 0;
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
