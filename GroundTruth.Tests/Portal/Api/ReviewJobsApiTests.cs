using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>Verification and adjustment jobs chained on a bounding-box job's output manifest, through the worker API.</summary>
public sealed class ReviewJobsApiTests(SqlitePortalFixture fixture) : IClassFixture<SqlitePortalFixture>
{
    private static readonly LabelCategory[] Shapes = [new("circle"), new("square"), new("triangle")];

    private PortalFactory Portal => fixture.Require();

    private static async Task<long> ClaimAsync(HttpClient client, Guid job)
    {
        var response = await client.PostAsync($"/api/jobs/{job}/tasks/claim", null);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["taskId"]!.GetValue<long>();
    }

    private static async Task SubmitAsync(HttpClient client, long task, string answer)
    {
        var response = await client.PostAsJsonAsync($"/api/tasks/{task}/submit", new { answer = JsonNode.Parse(answer) });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Boxes(params string[] boxes) =>
        """{"crowd-bounding-box":{"boundingBoxes":[""" + string.Join(',', boxes) + """],"inputImageProperties":{"height":48,"width":64}}}""";

    /// <summary>Runs a two-image box job to completion and returns its output manifest.</summary>
    private async Task<(string Manifest, string Requester, Guid Team, string Worker)> LabeledBoxesAsync()
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var worker = await Portal.CreateUserAsync($"w-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), worker);
        var spec = Specs.Image(team) with { TaskType = TaskType.BoundingBox, LabelAttributeName = "objects", Labels = Shapes };
        var job = await Portal.CreateJobAsync(spec, Specs.ImageManifest(Portal.DataFolder, 2), requester);
        var client = Portal.ClientFor(worker);
        await SubmitAsync(client, await ClaimAsync(client, job), Boxes("""{"height":20,"label":"square","left":10,"top":8,"width":30}""", """{"height":10,"label":"circle","left":40,"top":30,"width":12.5}"""));
        await SubmitAsync(client, await ClaimAsync(client, job), Boxes("""{"height":12,"label":"triangle","left":2,"top":3,"width":4}"""));
        return (await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest"), requester, team, worker);
    }

    [Fact]
    public async Task VerificationJob_ChainedOnBoxOutput_WritesLabelVerificationWithWorkerFeedback()
    {
        // Arrange
        var (manifest, requester, team, worker) = await LabeledBoxesAsync();
        var spec = Specs.Image(team) with
        {
            TaskType = TaskType.BoundingBoxVerification,
            LabelAttributeName = "verify-objects",
            PreAnnotationsAttribute = "objects",
            Labels = [new("Correct"), new("Incorrect"), new("Needs adjustment")],
        };
        var job = await Portal.CreateJobAsync(spec, manifest, requester);
        var client = Portal.ClientFor(worker);
        var task = await ClaimAsync(client, job);

        // Act
        var shown = await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}");
        await SubmitAsync(client, task, """{"crowd-image-classifier":{"label":"Needs adjustment","workerComment":"The circle box is too small."}}""");
        await SubmitAsync(client, await ClaimAsync(client, job), """{"crowd-image-classifier":{"label":"Correct"}}""");

        // Assert
        Assert.Equal("""{"boundingBoxes":[{"height":20,"label":"square","left":10,"top":8,"width":30},{"height":10,"label":"circle","left":40,"top":30,"width":12.5}],"inputImageProperties":{"height":48,"width":64}}""",
            shown!["earlierLabelsJson"]!.GetValue<string>());
        var lines = (await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim().Split('\n').Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.NotNull(lines[0]["objects"]);
        Assert.Equal(2, lines[0]["verify-objects"]!.GetValue<int>());
        var metadata = lines[0]["verify-objects-metadata"]!.AsObject();
        Assert.Equal(("Needs adjustment", "groundtruth/label-verification", """[{"comment":"The circle box is too small."}]"""),
            (metadata["class-name"]!.GetValue<string>(), metadata["type"]!.GetValue<string>(), metadata["worker-feedback"]!.ToJsonString()));
        Assert.Null(lines[1]["verify-objects-metadata"]!["worker-feedback"]);
    }

    [Fact]
    public async Task AdjustmentJob_ChainedOnBoxOutput_StartsFromEarlierBoxesAndWritesAdjustmentStatus()
    {
        // Arrange
        var (manifest, requester, team, worker) = await LabeledBoxesAsync();
        var spec = Specs.Image(team) with { TaskType = TaskType.BoundingBoxAdjustment, LabelAttributeName = "adjusted", PreAnnotationsAttribute = "objects", Labels = Shapes };
        var job = await Portal.CreateJobAsync(spec, manifest, requester);
        var client = Portal.ClientFor(worker);

        // Act: the first image's circle grows, the second image is left as it was.
        await SubmitAsync(client, await ClaimAsync(client, job), Boxes("""{"height":20,"label":"square","left":10,"top":8,"width":30}""", """{"height":14,"label":"circle","left":38,"top":30,"width":16}"""));
        await SubmitAsync(client, await ClaimAsync(client, job), Boxes("""{"height":12,"label":"triangle","left":2,"top":3,"width":4}"""));

        // Assert
        var lines = (await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim().Split('\n').Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal("""{"image_size":[{"width":64,"height":48,"depth":3}],"annotations":[{"class_id":1,"top":8,"left":10,"height":20,"width":30},{"class_id":0,"top":30,"left":38,"height":14,"width":16}]}""",
            lines[0]["adjusted"]!.ToJsonString());
        Assert.Equal(("adjusted", "groundtruth/object-detection"),
            (lines[0]["adjusted-metadata"]!["adjustment-status"]!.GetValue<string>(), lines[0]["adjusted-metadata"]!["type"]!.GetValue<string>()));
        Assert.Equal("unadjusted", lines[1]["adjusted-metadata"]!["adjustment-status"]!.GetValue<string>());
        Assert.NotNull(lines[1]["objects"]);
    }

    [Fact]
    public async Task AdjustmentJob_LinesWithoutOrWithBadEarlierLabels_RejectedWithLineNumbers()
    {
        // Arrange
        var (manifest, requester, team, _) = await LabeledBoxesAsync();
        var lines = manifest.Trim().Split('\n');
        var missing = JsonNode.Parse(lines[0])!.AsObject();
        missing.Remove("objects");
        var malformed = JsonNode.Parse(lines[0])!.AsObject();
        malformed["objects"]!["annotations"]![0]!["class_id"] = 9;
        var input = string.Join('\n', lines[0], missing.ToJsonString(), malformed.ToJsonString(), lines[1]);
        var spec = Specs.Image(team) with
        {
            TaskType = TaskType.BoundingBoxAdjustment,
            LabelAttributeName = "adjusted",
            PreAnnotationsAttribute = "objects",
            Labels = [new("circle"), new("square")],
        };

        // Act
        var job = await Portal.CreateJobAsync(spec, input, requester);

        // Assert
        var errors = await Portal.ClientFor(requester).GetFromJsonAsync<JsonArray>($"/api/jobs/{job}/import-errors");
        Assert.Equal(
            [
                "2: The line has no \"objects\" with the earlier labels to review.",
                "3: The earlier labels in \"objects\" are malformed: annotation 1 has class_id 9, which the class-map does not name.",
                "4: The earlier labels in \"objects\" cannot be used: Box 1: 'triangle' is not one of this job's labels.",
            ],
            errors!.Select(e => $"{e!["lineNumber"]}: {e["message"]}"));
        Assert.Equal(1, await Portal.WithDbAsync(db => Task.FromResult(db.DataObjects.Count(o => o.JobId == job))));
    }

    [Fact]
    public async Task PolygonJobs_ChainedOnPolygonOutput_VerificationShowsAndAdjustmentKeepsTheOutlines()
    {
        // Arrange: a one-image polygon job, then a verification and an adjustment job on its output.
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var worker = await Portal.CreateUserAsync($"w-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), worker);
        var client = Portal.ClientFor(worker);
        const string Polygons = """{"inputImageProperties":{"height":48,"width":64},"polygons":[{"label":"triangle","vertices":[{"x":5,"y":5},{"x":40,"y":6},{"x":20,"y":30}]}]}""";
        var first = await Portal.CreateJobAsync(Specs.Image(team) with { TaskType = TaskType.Polygon, LabelAttributeName = "outline", Labels = Shapes },
            Specs.ImageManifest(Portal.DataFolder, 1), requester);
        await SubmitAsync(client, await ClaimAsync(client, first), $$"""{"crowd-polygon":{{Polygons}}}""");
        var manifest = await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{first}/output-manifest");
        var verify = await Portal.CreateJobAsync(Specs.Image(team) with
        {
            TaskType = TaskType.PolygonVerification,
            LabelAttributeName = "outline-ok",
            PreAnnotationsAttribute = "outline",
            Labels = [new("Correct"), new("Incorrect")],
        }, manifest, requester);
        var adjust = await Portal.CreateJobAsync(Specs.Image(team) with
        {
            TaskType = TaskType.PolygonAdjustment,
            LabelAttributeName = "outline-fixed",
            PreAnnotationsAttribute = "outline",
            Labels = Shapes,
        }, manifest, requester);

        // Act
        var verifyTask = await ClaimAsync(client, verify);
        var shown = await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{verifyTask}");
        await SubmitAsync(client, verifyTask, """{"crowd-image-classifier":{"label":"Correct"}}""");
        await SubmitAsync(client, await ClaimAsync(client, adjust), $$"""{"crowd-polygon":{{Polygons}}}""");

        // Assert
        Assert.Equal(Polygons, shown!["earlierLabelsJson"]!.GetValue<string>());
        var verified = JsonNode.Parse((await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{verify}/output-manifest")).Trim())!;
        Assert.Equal(("Correct", "groundtruth/label-verification"), (verified["outline-ok-metadata"]!["class-name"]!.GetValue<string>(), verified["outline-ok-metadata"]!["type"]!.GetValue<string>()));
        var adjusted = JsonNode.Parse((await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{adjust}/output-manifest")).Trim())!;
        Assert.Equal(Polygons, adjusted["outline-fixed"]!["annotatedResult"]!.ToJsonString());
        Assert.Equal(("unadjusted", "groundtruth/custom"),
            (adjusted["outline-fixed-metadata"]!["adjustment-status"]!.GetValue<string>(), adjusted["outline-fixed-metadata"]!["type"]!.GetValue<string>()));
    }
}
