using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>Image-canvas jobs through the worker API: answers checked against the recorded image size, output in Ground Truth's formats.</summary>
public sealed class ImageShapeApiTests(SqlitePortalFixture fixture) : IClassFixture<SqlitePortalFixture>
{
    private PortalFactory Portal => fixture.Require();

    private async Task<(Guid Job, string Requester, HttpClient[] Workers)> SetUpAsync(TaskType type, int workers)
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var ids = new string[workers];
        for (var i = 0; i < workers; i++)
        {
            ids[i] = await Portal.CreateUserAsync($"w{i}-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        }

        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), ids);
        var spec = Specs.Image(team, workers) with { TaskType = type, LabelAttributeName = "objects", Labels = [new("circle"), new("square"), new("triangle")] };
        var job = await Portal.CreateJobAsync(spec, Specs.ImageManifest(Portal.DataFolder, 1), requester);
        return (job, requester, [.. ids.Select(Portal.ClientFor)]);
    }

    private static async Task<long> ClaimAsync(HttpClient client, Guid job)
    {
        var response = await client.PostAsync($"/api/jobs/{job}/tasks/claim", null);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["taskId"]!.GetValue<long>();
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, long task, string answer) =>
        client.PostAsJsonAsync($"/api/tasks/{task}/submit", new { answer = JsonNode.Parse(answer) });

    private static string Boxes(params string[] boxes) =>
        """{"crowd-bounding-box":{"boundingBoxes":[""" + string.Join(',', boxes) + """],"inputImageProperties":{"height":48,"width":64}}}""";

    [Fact]
    public async Task Submit_TwoWorkersDrawBoxes_OutputIsObjectDetectionWithPerBoxConfidence()
    {
        // Arrange
        var (job, requester, workers) = await SetUpAsync(TaskType.BoundingBox, 2);
        var first = await ClaimAsync(workers[0], job);
        var second = await ClaimAsync(workers[1], job);

        // Act
        var a = await SubmitAsync(workers[0], first, Boxes("""{"height":20,"label":"square","left":10,"top":8,"width":30.5}"""));
        var b = await SubmitAsync(workers[1], second, Boxes("""{"height":20,"label":"square","left":11,"top":8,"width":30}"""));

        // Assert
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        var line = JsonNode.Parse((await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim())!.AsObject();
        // Fused: the mean of the two matched boxes (left 10.5, width 30.25); IoUs with it 600/615 = 0.976 and 595/610 = 0.975, both workers support it.
        Assert.Equal("""{"image_size":[{"width":64,"height":48,"depth":3}],"annotations":[{"class_id":1,"top":8,"left":10.5,"height":20,"width":30.25}]}""",
            line["objects"]!.ToJsonString());
        var metadata = line["objects-metadata"]!.AsObject();
        Assert.Equal("groundtruth/object-detection", metadata["type"]!.GetValue<string>());
        Assert.Equal("""{"1":"square"}""", metadata["class-map"]!.ToJsonString());
        Assert.Equal(0.98, metadata["objects"]![0]!["confidence"]!.GetValue<double>());
        Assert.Equal("yes", metadata["human-annotated"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keypoints_SpammerIsOutvotedPerObject_AndAWeightedRunFlagsIt()
    {
        // Arrange: two careful workers put the point within a pixel of each other; the third clicks far away.
        var labeled = await LabeledKeypointJob.CreateAsync(Portal);
        var (job, requesterId, ids) = (labeled.JobId, labeled.RequesterId, labeled.Workers);

        // Act
        var requester = Portal.ClientFor(requesterId);
        var wrongMethod = await requester.PostAsJsonAsync($"/api/jobs/{job}/consolidation-runs", new { method = "ds", maxIterations = 10, priorStrength = 1.0 });
        var start = await requester.PostAsJsonAsync($"/api/jobs/{job}/consolidation-runs", new { method = "weighted", maxIterations = 10, priorStrength = 0.0 });
        JsonArray runs = [];
        for (var i = 0; i < 200 && !(runs.Count == 1 && runs[0]!["status"]!.GetValue<string>() == "Completed"); i++)
        {
            await Task.Delay(50);
            runs = (await requester.GetFromJsonAsync<JsonArray>($"/api/jobs/{job}/consolidation-runs"))!;
        }

        // Assert: per object, the far point is rejected and the point lies between the careful workers' clicks.
        var lines = (await requester.GetStringAsync($"/api/jobs/{job}/output-manifest")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, line =>
        {
            var point = line["points"]!["annotatedResult"]!["keypoints"]!.AsArray().Single()!;
            Assert.InRange(point["x"]!.GetValue<double>(), 20, 21);
            Assert.InRange(line["points-metadata"]!["confidence"]!.GetValue<double>(), 0.5, 0.7);
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrongMethod.StatusCode);
        Assert.Contains("weighted, equal", await wrongMethod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal(4, runs.Single()!["objectCount"]!.GetValue<int>());

        var quality = (await requester.GetFromJsonAsync<JsonArray>($"/api/jobs/{job}/worker-quality"))!;
        var flagged = quality.Where(q => q!["flaggedAsSpammer"]!.GetValue<bool>()).Select(q => q!["workerId"]!.GetValue<string>()).ToList();
        Assert.Equal([ids[2]], flagged);
        Assert.Equal(1.0, quality.Single(q => q!["workerId"]!.GetValue<string>() == ids[0])!["estimatedAccuracy"]!.GetValue<double>());
        Assert.Equal(0.0, quality.Single(q => q!["workerId"]!.GetValue<string>() == ids[2])!["agreementWithConsensus"]!.GetValue<double>());

        // The disagreement queue lists the objects a third of the workers disputed; the run's output is downloadable.
        var queue = (await requester.GetFromJsonAsync<JsonArray>($"/api/jobs/{job}/disagreements?threshold=0.9"))!;
        Assert.Equal(4, queue.Count);
        var byRun = await requester.GetStringAsync($"/api/jobs/{job}/output-manifest?run={runs[0]!["id"]!.GetValue<Guid>()}");
        Assert.Equal(4, byRun.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("""{"height":0,"label":"square","left":10,"top":8,"width":30}""", "Box 1 ('square') has zero area")]
    [InlineData("""{"height":10,"label":"hexagon","left":10,"top":8,"width":30}""", "'hexagon' is not one of this job's labels")]
    [InlineData("""{"height":10,"label":"square","left":50,"top":8,"width":30}""", "outside the 64 × 48 image")]
    public async Task Submit_BadBox_IsRejectedWithTheReasonAndTheTaskStaysLive(string box, string expected)
    {
        var (job, _, workers) = await SetUpAsync(TaskType.BoundingBox, 1);
        var task = await ClaimAsync(workers[0], job);

        var bad = await SubmitAsync(workers[0], task, Boxes(box));
        var good = await SubmitAsync(workers[0], task, Boxes());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains(expected, (await bad.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Submit_SelfIntersectingPolygon_IsRejected()
    {
        var (job, _, workers) = await SetUpAsync(TaskType.Polygon, 1);
        var task = await ClaimAsync(workers[0], job);

        var bad = await SubmitAsync(workers[0], task,
            """{"crowd-polygon":{"inputImageProperties":{"height":48,"width":64},"polygons":[{"label":"square","vertices":[{"x":0,"y":0},{"x":40,"y":40},{"x":40,"y":0},{"x":0,"y":40}]}]}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("crosses itself", (await bad.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_Keypoints_OutputIsCustomAnnotatedResult()
    {
        var (job, requester, workers) = await SetUpAsync(TaskType.Keypoint, 1);
        var task = await ClaimAsync(workers[0], job);

        var ok = await SubmitAsync(workers[0], task,
            """{"crowd-keypoint":{"inputImageProperties":{"height":48,"width":64},"keypoints":[{"label":"circle","x":12.5,"y":40}]}}""");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var line = JsonNode.Parse((await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim())!.AsObject();
        Assert.Equal("""{"annotatedResult":{"inputImageProperties":{"height":48,"width":64},"keypoints":[{"label":"circle","x":12.5,"y":40}]}}""", line["objects"]!.ToJsonString());
        Assert.Equal("groundtruth/custom", line["objects-metadata"]!["type"]!.GetValue<string>());
    }
}
