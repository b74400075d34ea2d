using System.Globalization;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Security;

namespace GroundTruth.Tests.TestSupport.Builders;

/// <summary>
/// A finished keypoint job on 64 × 48 images: two careful workers click within a pixel of each other
/// ((20, 20 + i) and (21, 20 + i) on image i), a spammer clicks far away ((60, 5 + i)).
/// </summary>
public sealed record LabeledKeypointJob(Guid JobId, string RequesterId, string[] Workers, string Spammer)
{
    public static async Task<LabeledKeypointJob> CreateAsync(PortalFactory portal, int images = 4, string? requesterEmail = null)
    {
        var requester = await portal.CreateUserAsync(requesterEmail ?? $"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var workers = new string[3];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = await portal.CreateUserAsync($"{(i == 2 ? "spam" : "careful" + i)}-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        }

        var team = await portal.CreateTeamAsync(Specs.UniqueName("team"), workers);
        var spec = Specs.Image(team, 3) with { TaskType = TaskType.Keypoint, LabelAttributeName = "points", Labels = [new("circle"), new("square")] };
        var job = await portal.CreateJobAsync(spec, Specs.ImageManifest(portal.DataFolder, images), requester);
        var labeling = portal.Get<LabelingService>();
        (double X, double Y)[] spots = [(20, 20), (21, 20), (60, 5)];
        for (var w = 0; w < workers.Length; w++)
        {
            var image = 0;
            while (await labeling.ClaimNextAsync(job, workers[w]) is { } taskId)
            {
                var answer = JsonNode.Parse(string.Create(CultureInfo.InvariantCulture,
                    $$$"""{"crowd-keypoint":{"inputImageProperties":{"height":48,"width":64},"keypoints":[{"label":"circle","x":{{{spots[w].X}}},"y":{{{spots[w].Y + image++}}}}]}}"""))!.AsObject();
                var outcome = await labeling.SubmitAnswerAsync(taskId, workers[w], answer);
                if (!outcome.Succeeded)
                {
                    throw new InvalidOperationException($"Submitting a keypoint answer failed: {outcome.Message}");
                }
            }
        }

        await portal.WaitForStatusAsync(job, s => s == JobStatus.Completed);
        return new LabeledKeypointJob(job, requester, workers, workers[2]);
    }
}
