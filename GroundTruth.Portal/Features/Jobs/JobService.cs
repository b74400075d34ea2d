using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;
using GroundTruth.Core.Storage;
using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Security;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Jobs;

/// <summary>Creates, lists, shows and stops labeling jobs for requesters.</summary>
public sealed class JobService(
    IDbContextFactory<GroundTruthDbContext> dbFactory,
    IObjectStore store,
    ManifestImports importQueue,
    OutputManifestService output,
    JobProgressNotifier notifier,
    Crowd.PublicCrowdService crowd,
    Audit.AuditLog audit,
    TimeProvider time)
{
    public async Task<IReadOnlyList<JobSummary>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Jobs.AsNoTracking()
            .Where(j => caller.IsAdmin || j.RequesterId == caller.UserId)
            .Select(j => new { j.Id, j.Name, j.TaskType, j.Status, j.HumanLabeled, j.MachineLabeled, j.FailedNonRetryableError, j.TotalObjects, j.WorkersPerObject, j.CreatedAt })
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderByDescending(j => j.CreatedAt)
            .Select(j => new JobSummary(j.Id, j.Name, j.TaskType, j.Status,
                Counters(j.HumanLabeled, j.MachineLabeled, j.FailedNonRetryableError, j.TotalObjects), j.WorkersPerObject, j.CreatedAt))];
    }

    public async Task<JobDetails?> GetAsync(Guid id, Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null || !CanSee(job, caller))
        {
            return null;
        }

        var team = await db.WorkTeams.Where(t => t.Id == job.WorkTeamId).Select(t => new { t.Name, t.Kind }).FirstOrDefaultAsync(cancellationToken);
        return new JobDetails(job.Id, job.Name, job.LabelAttributeName, job.TaskType, job.Status, job.FailureReason, job.Labels,
            team?.Name ?? "(deleted team)", job.WorkersPerObject, job.TaskTimeLimitSeconds, job.TaskAvailabilityLifetimeSeconds,
            job.MaxConcurrentTasksPerWorker, job.Counters,
            new ImportProgress(job.ImportLinesRead, job.ImportLinesRejected, job.ImportBytesRead, job.ImportBytesTotal),
            job.CreatedAt, job.LastModifiedAt)
        {
            Workforce = team?.Kind ?? WorkforceKind.Private,
            PricePerObject = job.PricePerObject,
            PricePerTask = job.PricePerTask,
            Currency = job.Currency,
            NoPersonalDataConfirmedAt = job.NoPersonalDataConfirmedAt,
        };
    }

    public async Task<IReadOnlyList<ObjectRow>> GetObjectsAsync(Guid id, Caller caller, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await CanSeeAsync(db, id, caller, cancellationToken))
        {
            return [];
        }

        var rows = await db.DataObjects.AsNoTracking()
            .Where(o => o.JobId == id)
            .OrderBy(o => o.DatasetObjectId)
            .Skip(skip).Take(take)
            .Select(o => new { o.Id, o.DatasetObjectId, o.Source, o.Status, o.ResponseCount, o.MetadataJson, o.LabelJson, o.Width, o.Height, o.FailureReason })
            .ToListAsync(cancellationToken);

        // Show what the output manifest holds: the labels of the run chosen for output, where one is chosen.
        var job = await db.Jobs.Where(j => j.Id == id).Select(j => new { j.SelectedRunId, j.TaskType }).FirstAsync(cancellationToken);
        var shapeKind = ImageShapeAnswer.KindOf(TaskTypes.Get(job.TaskType));
        var ids = rows.Select(o => o.Id).ToList();
        var chosen = job.SelectedRunId is not { } runId
            ? []
            : await db.RunLabels.AsNoTracking().Where(l => l.RunId == runId && ids.Contains(l.DataObjectId))
                .ToDictionaryAsync(l => l.DataObjectId, l => (Label: l.LabelJson, Metadata: l.MetadataJson), cancellationToken);
        return [.. rows.Select(o =>
        {
            var (labelJson, metadataJson) = chosen.TryGetValue(o.Id, out var fromRun) ? fromRun : (o.LabelJson, o.MetadataJson);
            var metadata = metadataJson is null ? null : JsonNode.Parse(metadataJson)!.AsObject();
            var shapes = shapeKind is { } kind && labelJson is not null && JsonNode.Parse(labelJson) is { } value
                ? EarlierLabels.Shapes(value, metadata, kind)
                : null;
            var text = shapes is not null ? LabelSummary.ShapeCounts(shapes) : metadata is null ? null : LabelSummary.Text(metadata);
            return new ObjectRow(o.Id, o.DatasetObjectId, o.Source, o.Status, o.ResponseCount, text, metadata is null ? null : LabelSummary.Confidence(metadata))
            {
                MaskRef = MaskRef(o.LabelJson, o.MetadataJson),
                FailureReason = o.FailureReason,
                Shapes = shapes,
                ImageSize = o.Width is { } width && o.Height is { } height ? new ImageSize(width, height) : null,
            };
        })];
    }

    public async Task<IReadOnlyList<ImportErrorRow>> GetImportErrorsAsync(Guid id, Caller caller, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await CanSeeAsync(db, id, caller, cancellationToken))
        {
            return [];
        }

        return await db.ImportErrors.AsNoTracking().Where(e => e.JobId == id).OrderBy(e => e.LineNumber).Take(take)
            .Select(e => new ImportErrorRow(e.LineNumber, e.Message)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The workforces the caller may send a job to: every private team, the published vendors they subscribed to,
    /// and the public crowd (created on first need).
    /// </summary>
    public async Task<IReadOnlyList<TeamOption>> GetTeamOptionsAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await crowd.EnsureTeamAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.WorkTeams.AsNoTracking().Where(t => t.Kind != WorkforceKind.Vendor)
            .Select(t => new TeamOption(t.Id, t.Name, t.Members.Count) { Kind = t.Kind }).ToListAsync(cancellationToken);
        var vendors = await db.VendorCompanies.AsNoTracking()
            .Where(c => c.IsPublished && db.VendorSubscriptions.Any(s => s.VendorCompanyId == c.Id && s.RequesterId == caller.UserId))
            .Select(c => new { c.WorkTeamId, c.Name, c.PricePerObject, c.Currency, c.Capabilities, Members = db.WorkTeamMembers.Count(m => m.WorkTeamId == c.WorkTeamId) })
            .ToListAsync(cancellationToken);
        return [.. teams.Concat(vendors.Select(v => new TeamOption(v.WorkTeamId, v.Name, v.Members)
            {
                Kind = WorkforceKind.Vendor, PricePerObject = v.PricePerObject, Currency = v.Currency, Capabilities = v.Capabilities,
            }))
            .OrderBy(t => t.Kind).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<bool> IsNameTakenAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = name.ToLowerInvariant();
        return await db.Jobs.AnyAsync(j => j.NameKey == key, cancellationToken);
    }

    /// <summary>Creates a job from an uploaded input manifest; the import runs in the background.</summary>
    public Task<CreateJobResult> CreateFromManifestAsync(JobSpec spec, Stream manifest, Caller caller, CancellationToken cancellationToken = default) =>
        CreateAsync(spec, caller, (key, ct) => store.WriteAsync(key, manifest, ct), cancellationToken);

    /// <summary>Creates a job from uploaded files: images become <c>source-ref</c> lines, text files <c>source</c> lines.</summary>
    public Task<CreateJobResult> CreateFromFilesAsync(JobSpec spec, IReadOnlyList<UploadedFile> files, Caller caller, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0)
        {
            return Task.FromResult(CreateJobResult.Fail("Files", "Upload at least one file."));
        }

        return CreateAsync(spec, caller, async (manifestKey, ct) =>
        {
            var folder = $"uploads/{Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(manifestKey)))}";
            await using var manifest = await store.OpenWriteAsync(manifestKey, ct);
            await using var writer = new StreamWriter(manifest, new UTF8Encoding(false));
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                await using var content = file.Open();
                object line;
                if (TaskTypes.Get(spec.TaskType).DataKind == DataKind.Text)
                {
                    using var reader = new StreamReader(content, Encoding.UTF8);
                    line = new Dictionary<string, string> { ["source"] = (await reader.ReadToEndAsync(ct)).Trim() };
                }
                else
                {
                    var key = ObjectKey.ForUpload(folder, file.Name);
                    for (var n = 2; !used.Add(key); n++)
                    {
                        key = ObjectKey.ForUpload(folder, $"{n}-{file.Name}");
                    }

                    await store.WriteAsync(key, content, ct);
                    line = new Dictionary<string, string> { ["source-ref"] = key };
                }

                await writer.WriteLineAsync(JsonSerializer.Serialize(line));
            }
        }, cancellationToken);
    }

    /// <summary>Stores an instruction example image after checking it decodes; returns its key, or the problem.</summary>
    public async Task<(string? Key, string? Problem)> SaveExampleImageAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        if (Core.Images.ImageProbe.Probe(buffer, out var problem) is null)
        {
            return (null, $"'{fileName}' cannot be used as an example: {problem}");
        }

        buffer.Position = 0;
        var key = ObjectKey.ForUpload($"examples/{Guid.NewGuid():N}", fileName);
        await store.WriteAsync(key, buffer, cancellationToken);
        return (key, null);
    }

    public async Task<bool> StopAsync(Guid id, Caller caller, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<long> ended;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
            if (job is null || !CanSee(job, caller) || job.Status is not (JobStatus.InProgress or JobStatus.Initializing))
            {
                return false;
            }

            var now = time.GetUtcNow();
            job.Status = JobStatus.Stopping;
            job.LastModifiedAt = now;
            job.Version = Guid.NewGuid();
            await db.SaveChangesAsync(cancellationToken);
            notifier.NotifyChanged(id);

            // In-flight tasks end now and free their slots.
            ended = await Labeling.LabelingService.ExpireLeasesAsync(db, id, DateTimeOffset.MaxValue, now, cancellationToken);
            ended = job.Descriptor.PaintsMask ? ended : [];
        }

        await Labeling.LabelingService.DeleteWorkerMasksAsync(store, id, ended, cancellationToken);

        await output.WriteFinalAsync(id, cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Stopped)
                .SetProperty(j => j.LastModifiedAt, time.GetUtcNow())
                .SetProperty(j => j.Version, Guid.NewGuid()), cancellationToken);
        }

        notifier.NotifyChanged(id);
        await audit.RecordForAsync(Core.Audit.AuditActions.JobStopped, caller.UserId, id.ToString(), "", cancellationToken);
        return true;
    }

    public static bool CanSee(LabelingJob job, Caller caller) => caller.IsAdmin || job.RequesterId == caller.UserId;

    private static async Task<bool> CanSeeAsync(GroundTruthDbContext db, Guid id, Caller caller, CancellationToken cancellationToken) =>
        await db.Jobs.AnyAsync(j => j.Id == id && (caller.IsAdmin || j.RequesterId == caller.UserId), cancellationToken);

    private async Task<CreateJobResult> CreateAsync(JobSpec spec, Caller caller, Func<string, CancellationToken, Task> writeManifest, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = spec.WorkTeamId == Guid.Empty ? null : await db.WorkTeams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == spec.WorkTeamId, cancellationToken);
        // The workforce rules follow the stored team, whatever the client claimed.
        spec = spec with { Workforce = team?.Kind ?? WorkforceKind.Private };
        var errors = spec.Validate().ToList();
        var nameKey = spec.Name.ToLowerInvariant();
        if (errors.Count == 0 && await db.Jobs.AnyAsync(j => j.NameKey == nameKey, cancellationToken))
        {
            errors.Add(new(nameof(JobSpec.Name), $"A job named '{spec.Name}' already exists; job names are unique regardless of case."));
        }

        if (spec.WorkTeamId != Guid.Empty && team is null)
        {
            errors.Add(new(nameof(JobSpec.WorkTeamId), "That work team does not exist."));
        }

        VendorCompany? vendor = null;
        if (team?.Kind == WorkforceKind.Vendor)
        {
            vendor = await db.VendorCompanies.AsNoTracking().FirstOrDefaultAsync(c => c.WorkTeamId == team.Id, cancellationToken);
            var subscribed = vendor is not null
                && await db.VendorSubscriptions.AnyAsync(s => s.VendorCompanyId == vendor.Id && s.RequesterId == caller.UserId, cancellationToken);
            if (vendor is null || !vendor.IsPublished || !subscribed)
            {
                errors.Add(new(nameof(JobSpec.WorkTeamId), $"You are not subscribed to the vendor '{team.Name}'; subscribe to its published listing on the marketplace first."));
            }
            else if (!vendor.Capabilities.Contains(spec.TaskType))
            {
                errors.Add(new(nameof(JobSpec.WorkTeamId), $"The vendor '{vendor.Name}' does not take {TaskTypes.Get(spec.TaskType).DisplayName} jobs."));
            }
        }

        if (errors.Count > 0)
        {
            return new CreateJobResult(null, errors);
        }

        var now = time.GetUtcNow();
        var job = new LabelingJob
        {
            Id = Guid.NewGuid(),
            Name = spec.Name,
            NameKey = nameKey,
            LabelAttributeName = spec.LabelAttributeName,
            TaskType = spec.TaskType,
            Labels = [.. spec.Labels],
            Instructions = new JobInstructions
            {
                ShortText = spec.ShortInstructions,
                FullText = spec.FullInstructions,
                GoodExampleKeys = [.. spec.GoodExampleKeys],
                BadExampleKeys = [.. spec.BadExampleKeys],
            },
            PreAnnotationsAttribute = spec.PreAnnotationsAttribute,
            WorkTeamId = spec.WorkTeamId,
            VendorCompanyId = vendor?.Id,
            PricePerObject = vendor?.PricePerObject,
            PricePerTask = spec.Workforce == WorkforceKind.Public ? spec.PricePerTask : null,
            Currency = vendor?.Currency ?? (spec.Workforce == WorkforceKind.Public ? PublicCrowd.Currency : null),
            NoPersonalDataConfirmedAt = spec.Workforce == WorkforceKind.Public ? now : null,
            RequesterId = caller.UserId,
            WorkersPerObject = spec.WorkersPerObject,
            TaskTimeLimitSeconds = spec.TaskTimeLimitSeconds,
            TaskAvailabilityLifetimeSeconds = spec.TaskAvailabilityLifetimeSeconds,
            MaxConcurrentTasksPerWorker = spec.MaxConcurrentTasksPerWorker,
            Status = JobStatus.Initializing,
            CreatedAt = now,
            LastModifiedAt = now,
            Version = Guid.NewGuid(),
        };
        job.InputManifestKey = $"jobs/{job.Id:N}/input/input.manifest";
        await writeManifest(job.InputManifestKey, cancellationToken);
        job.ImportBytesTotal = await store.GetSizeAsync(job.InputManifestKey, cancellationToken) ?? 0;
        db.Jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await store.DeleteAsync(job.InputManifestKey, CancellationToken.None);
            return CreateJobResult.Fail(nameof(JobSpec.Name), $"A job named '{spec.Name}' already exists; job names are unique regardless of case.");
        }

        await importQueue.EnqueueAsync(job.Id, cancellationToken);
        await audit.RecordForAsync(Core.Audit.AuditActions.JobCreated, caller.UserId, job.Id.ToString(), $"{job.Name} ({job.Descriptor.DisplayName})", cancellationToken);
        return new CreateJobResult(job.Id, []);
    }

    private static LabelCounters Counters(int human, int machine, int failed, int total) =>
        new(human + machine, human, machine, failed, Math.Max(0, total - human - machine - failed));

    /// <summary>The store key of a segmentation label's consolidated mask (its label value), else <c>null</c>.</summary>
    private static string? MaskRef(string? labelJson, string? metadataJson)
    {
        if (labelJson is null || metadataJson is null || !metadataJson.Contains("\"internal-color-map\"", StringComparison.Ordinal))
        {
            return null;
        }

        using var document = JsonDocument.Parse(labelJson);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
    }
}

public sealed record UploadedFile(string Name, Func<Stream> Open);
