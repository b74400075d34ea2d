using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Security;

namespace GroundTruth.Tests.TestSupport.Builders;

/// <summary>A finished single-label text job: two careful workers answer the truth, a spammer always answers "positive".</summary>
public sealed record LabeledJob(Guid JobId, string RequesterId, string[] Workers, string Spammer, string[] Truths)
{
    public static readonly string[] Labels = ["positive", "negative", "neutral"];

    public static async Task<LabeledJob> CreateAsync(PortalFactory portal, int objects = 12, string? requesterEmail = null)
    {
        var requester = await portal.CreateUserAsync(requesterEmail ?? $"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var good1 = await portal.CreateUserAsync($"good1-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var good2 = await portal.CreateUserAsync($"good2-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var spammer = await portal.CreateUserAsync($"spam-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var extra = await portal.CreateUserAsync($"extra-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var team = await portal.CreateTeamAsync(Specs.UniqueName("team"), good1, good2, spammer, extra);
        var truths = Enumerable.Range(0, objects).Select(i => Labels[i % 3]).ToArray();
        var job = await portal.CreateJobAsync(Specs.Text(team, workers: 3), Specs.TextManifest(objects), requester);
        var labeling = portal.Get<LabelingService>();
        foreach (var worker in new[] { good1, good2, spammer })
        {
            while (await labeling.ClaimNextAsync(job, worker) is { } taskId)
            {
                var task = await labeling.GetTaskAsync(taskId, worker);
                var index = int.Parse(task!.Text!.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
                await labeling.SubmitAsync(taskId, worker, [worker == spammer ? "positive" : truths[index]]);
            }
        }

        await portal.WaitForStatusAsync(job, s => s == JobStatus.Completed);
        return new LabeledJob(job, requester, [good1, good2, spammer, extra], spammer, truths);
    }
}
