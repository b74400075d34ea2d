using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Segmentation;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>
/// Verification and adjustment jobs chained on a semantic-segmentation job's output manifest, through the worker API:
/// the earlier '-ref' mask is checked at import, served to the task's worker only through its signed URL (re-coloured
/// for their page), and the output lines carry label-verification or a new '-ref' with adjustment-status.
/// </summary>
public sealed class SegmentationReviewApiTests(SqlitePortalFixture fixture) : IClassFixture<SqlitePortalFixture>
{
    private const int Width = 64;
    private const int Height = 48;

    private PortalFactory Portal => fixture.Require();

    private static async Task<long> ClaimAsync(HttpClient client, Guid job)
    {
        var response = await client.PostAsync($"/api/jobs/{job}/tasks/claim", null);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["taskId"]!.GetValue<long>();
    }

    /// <summary>Class <paramref name="value"/> in the rectangle [x0, x1) × [y0, y1), background elsewhere.</summary>
    private static byte[] Pixels(byte value, int x0, int y0, int x1, int y1)
    {
        var pixels = new byte[Width * Height];
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                pixels[(y * Width) + x] = value;
            }
        }

        return pixels;
    }

    private static byte[] Png(byte[] pixels, int labels) => PalettePng.Encode(pixels, Width, Height, SegmentationPalette.Rgb(labels));

    private static async Task PutAndSubmitAsync(HttpClient client, long task, byte[] png)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var put = await client.PutAsync($"/api/tasks/{task}/mask", content);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var submit = await client.PostAsJsonAsync($"/api/tasks/{task}/submit", new { answer = new JsonObject { ["crowd-semantic-segmentation"] = new JsonObject { ["labeledImage"] = new JsonObject() } } });
        Assert.True(submit.IsSuccessStatusCode, await submit.Content.ReadAsStringAsync());
    }

    private static async Task SubmitAsync(HttpClient client, long task, string answer)
    {
        var response = await client.PostAsJsonAsync($"/api/tasks/{task}/submit", new { answer = JsonNode.Parse(answer) });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonObject>> OutputAsync(string requester, Guid job) =>
        [.. (await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim().Split('\n').Select(l => JsonNode.Parse(l)!.AsObject())];

    /// <summary>Runs a two-image segmentation job (sky, road): image 0 has a road square, image 1 a sky band.</summary>
    private async Task<(string Manifest, string Requester, Guid Team, string[] Workers)> SegmentedAsync()
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        string[] workers = [await Portal.CreateUserAsync($"w1-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker), await Portal.CreateUserAsync($"w2-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker)];
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), workers);
        var spec = Specs.Image(team) with { TaskType = TaskType.SemanticSegmentation, LabelAttributeName = "regions-ref", Labels = [new("sky"), new("road")] };
        var job = await Portal.CreateJobAsync(spec, Specs.ImageManifest(Portal.DataFolder, 2), requester);
        var client = Portal.ClientFor(workers[0]);
        await PutAndSubmitAsync(client, await ClaimAsync(client, job), Png(Pixels(2, 10, 10, 30, 30), 2));
        await PutAndSubmitAsync(client, await ClaimAsync(client, job), Png(Pixels(1, 0, 0, Width, 12), 2));
        return (await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest"), requester, team, workers);
    }

    [Fact]
    public async Task VerificationJob_ChainedOnSegmentationOutput_ShowsTheMaskAndWritesLabelVerification()
    {
        // Arrange
        var (manifest, requester, team, workers) = await SegmentedAsync();
        var spec = Specs.Image(team) with
        {
            TaskType = TaskType.SemanticSegmentationVerification,
            LabelAttributeName = "regions-ok",
            PreAnnotationsAttribute = "regions-ref",
            Labels = [new("Correct"), new("Incorrect")],
        };
        var job = await Portal.CreateJobAsync(spec, manifest, requester);
        var client = Portal.ClientFor(workers[1]);
        var task = await ClaimAsync(client, job);

        // Act
        var shown = JsonNode.Parse((await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"))!["earlierLabelsJson"]!.GetValue<string>())!;
        var mask = PalettePng.Decode(await client.GetByteArrayAsync(shown["src"]!.GetValue<string>()));
        await SubmitAsync(client, task, """{"crowd-image-classifier":{"label":"Incorrect","workerComment":"The road square misses its left edge."}}""");
        await SubmitAsync(client, await ClaimAsync(client, job), """{"crowd-image-classifier":{"label":"Correct"}}""");

        // Assert
        Assert.Equal("""{"sky":{"color":"#1f77b4"},"road":{"color":"#ff7f0e"}}""", shown["labelMappings"]!.ToJsonString());
        Assert.Equal((Width, Height, (byte)2, (byte)0), (mask.Width, mask.Height, mask.Pixels[(20 * Width) + 20], mask.Pixels[(40 * Width) + 50]));
        var lines = await OutputAsync(requester, job);
        Assert.StartsWith("jobs/", lines[0]["regions-ref"]!.GetValue<string>());
        Assert.NotNull(lines[0]["regions-ref-metadata"]!["internal-color-map"]);
        Assert.Equal(1, lines[0]["regions-ok"]!.GetValue<int>());
        var metadata = lines[0]["regions-ok-metadata"]!.AsObject();
        Assert.Equal(("Incorrect", "groundtruth/label-verification", """[{"comment":"The road square misses its left edge."}]"""),
            (metadata["class-name"]!.GetValue<string>(), metadata["type"]!.GetValue<string>(), metadata["worker-feedback"]!.ToJsonString()));
        Assert.Equal(0, lines[1]["regions-ok"]!.GetValue<int>());
        Assert.Null(lines[1]["regions-ok-metadata"]!["worker-feedback"]);
    }

    [Fact]
    public async Task AdjustmentJob_LabelsReorderedAndAdded_SeedsTheJobsIndicesAndWritesANewRefWithAdjustmentStatus()
    {
        // Arrange: the job lists road first and adds car, so earlier index 2 (road) becomes 1 and 1 (sky) becomes 2.
        var (manifest, requester, team, workers) = await SegmentedAsync();
        var spec = Specs.Image(team) with
        {
            TaskType = TaskType.SemanticSegmentationAdjustment,
            LabelAttributeName = "regions-fixed-ref",
            PreAnnotationsAttribute = "regions-ref",
            Labels = [new("road"), new("sky"), new("car")],
        };
        var job = await Portal.CreateJobAsync(spec, manifest, requester);
        var client = Portal.ClientFor(workers[1]);

        // Act: image 0 is submitted as seeded; on image 1 the worker paints a car.
        var first = await ClaimAsync(client, job);
        var initial = JsonNode.Parse((await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{first}"))!["earlierLabelsJson"]!.GetValue<string>())!;
        var seeded = await client.GetByteArrayAsync(initial["src"]!.GetValue<string>());
        await PutAndSubmitAsync(client, first, seeded);
        var second = await ClaimAsync(client, job);
        var secondSeed = PalettePng.Decode(await client.GetByteArrayAsync(JsonNode.Parse((await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{second}"))!["earlierLabelsJson"]!.GetValue<string>())!["src"]!.GetValue<string>()));
        var painted = (byte[])secondSeed.Pixels.Clone();
        for (var x = 40; x < 50; x++)
        {
            painted[(30 * Width) + x] = 3;
        }

        await PutAndSubmitAsync(client, second, Png(painted, 3));

        // Assert
        Assert.Equal("""{"road":{"color":"#1f77b4"},"sky":{"color":"#ff7f0e"},"car":{"color":"#2ca02c"}}""", initial["labelMappings"]!.ToJsonString());
        var decodedSeed = PalettePng.Decode(seeded);
        Assert.Equal(((byte)1, (byte)0), (decodedSeed.Pixels[(20 * Width) + 20], decodedSeed.Pixels[(40 * Width) + 50]));
        Assert.Equal((byte)2, secondSeed.Pixels[5 * Width]);
        var lines = await OutputAsync(requester, job);
        Assert.All(lines, l => Assert.NotNull(l["regions-ref"]));
        var metadata = lines[0]["regions-fixed-ref-metadata"]!.AsObject();
        Assert.Equal(("groundtruth/semantic-segmentation", "unadjusted"), (metadata["type"]!.GetValue<string>(), metadata["adjustment-status"]!.GetValue<string>()));
        Assert.Equal(["BACKGROUND", "road", "sky", "car"], metadata["internal-color-map"]!.AsObject().Select(p => p.Value!["class-name"]!.GetValue<string>()));
        Assert.Equal("adjusted", lines[1]["regions-fixed-ref-metadata"]!["adjustment-status"]!.GetValue<string>());
        var reference = lines[1]["regions-fixed-ref"]!.GetValue<string>();
        Assert.Matches($"^jobs/{job:N}/annotations/consolidated-annotation/output/1_.+\\.png$", reference);
        var output = PalettePng.Decode(await Portal.ClientFor(requester).GetByteArrayAsync($"/api/jobs/{job}/files/{reference}"));
        Assert.Equal(((byte)3, (byte)2, (byte)0), (output.Pixels[(30 * Width) + 45], output.Pixels[5 * Width], output.Pixels[(40 * Width) + 20]));
    }

    [Fact]
    public async Task EarlierMask_OfAnotherWorkersTask_IsNotFound()
    {
        var (manifest, requester, team, workers) = await SegmentedAsync();
        var spec = Specs.Image(team) with
        {
            TaskType = TaskType.SemanticSegmentationVerification,
            LabelAttributeName = "regions-ok",
            PreAnnotationsAttribute = "regions-ref",
            Labels = [new("Correct"), new("Incorrect")],
        };
        var job = await Portal.CreateJobAsync(spec, manifest, requester);
        var owner = Portal.ClientFor(workers[0]);
        var task = await ClaimAsync(owner, job);
        var src = JsonNode.Parse((await owner.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"))!["earlierLabelsJson"]!.GetValue<string>())!["src"]!.GetValue<string>();

        var byOwner = await owner.GetAsync(src);
        var byOtherWorker = await Portal.ClientFor(workers[1]).GetAsync(src);
        var byRequester = await Portal.ClientFor(requester).GetAsync(src);
        var tampered = await owner.GetAsync(src.Replace("/api/task-data/", "/api/task-data/x", StringComparison.Ordinal));

        Assert.Equal(
            (HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.NotFound),
            (byOwner.StatusCode, byOtherWorker.StatusCode, byRequester.StatusCode, tampered.StatusCode));
        Assert.Equal("image/png", byOwner.Content.Headers.ContentType!.MediaType);

        // The owner's view is audited like a view of the image itself; the refused ones are not.
        var views = (await Portal.Get<GroundTruth.Portal.Features.Audit.AuditLog>().ListAsync(new(GroundTruth.Core.Audit.AuditActions.DataObjectViewed)))
            .Where(e => e.Details.StartsWith("earlier mask", StringComparison.Ordinal) && workers.Contains(e.ActorId)).ToList();
        Assert.Equal(workers[0], Assert.Single(views).ActorId);
    }

    [Fact]
    public async Task AdjustmentJob_BadEarlierMasks_RejectedWithLineNumbersAndGoodLinesKept()
    {
        // Arrange: one good line, then one broken line per rule.
        var (manifest, requester, team, _) = await SegmentedAsync();
        var good = manifest.Trim().Split('\n')[0];
        string With(Action<JsonObject> change)
        {
            var line = JsonNode.Parse(good)!.AsObject();
            change(line);
            return line.ToJsonString();
        }

        var wrongSizeKey = $"test-masks/{Guid.NewGuid():N}.png";
        Directory.CreateDirectory(Path.Combine(Portal.DataFolder, "objects", "test-masks"));
        await File.WriteAllBytesAsync(Path.Combine(Portal.DataFolder, "objects", wrongSizeKey), PalettePng.Encode(new byte[32 * 48], 32, 48, SegmentationPalette.Rgb(2)));
        var input = string.Join('\n',
            good,
            With(l => l.Remove("regions-ref")),
            With(l => l["regions-ref-metadata"]!.AsObject().Remove("internal-color-map")),
            With(l => l["regions-ref"] = "../../secrets.png"),
            With(l => l["regions-ref"] = "test-masks/missing.png"),
            With(l => l["regions-ref"] = wrongSizeKey),
            With(l => l["regions-ref-metadata"]!["internal-color-map"]!.AsObject().Remove("2")),
            With(l => l["regions-ref-metadata"]!["internal-color-map"]!["1"]!["class-name"] = "water"));
        var spec = Specs.Image(team) with
        {
            TaskType = TaskType.SemanticSegmentationAdjustment,
            LabelAttributeName = "regions-fixed-ref",
            PreAnnotationsAttribute = "regions-ref",
            Labels = [new("sky"), new("road")],
        };

        // Act
        var job = await Portal.CreateJobAsync(spec, input, requester);

        // Assert
        var reference = JsonNode.Parse(good)!["regions-ref"]!.GetValue<string>();
        var errors = await Portal.ClientFor(requester).GetFromJsonAsync<JsonArray>($"/api/jobs/{job}/import-errors");
        var messages = errors!.Select(e => $"{e!["lineNumber"]}: {e["message"]}").ToList();
        Assert.Equal(7, messages.Count);
        Assert.Equal("2: The line has no \"regions-ref\" with the earlier mask to review.", messages[0]);
        Assert.Equal("3: \"regions-ref-metadata\" has no \"internal-color-map\" naming the earlier mask's classes.", messages[1]);
        Assert.StartsWith("4: \"regions-ref\" is not allowed: ", messages[2]);
        Assert.Equal("5: The earlier mask 'test-masks/missing.png' in \"regions-ref\" does not exist in the data folder.", messages[3]);
        Assert.Equal($"6: The earlier mask '{wrongSizeKey}' in \"regions-ref\" is 32 × 48 pixels but the image is 64 × 48.", messages[4]);
        Assert.Equal($"7: The earlier mask '{reference}' in \"regions-ref\" has class index 2 at pixel (10, 10), which \"regions-ref-metadata\".internal-color-map does not name.", messages[5]);
        Assert.Equal("8: The earlier mask's class 'water' (index 1 in \"regions-ref-metadata\".internal-color-map) is not one of this job's labels; add it to the labels.", messages[6]);
        Assert.Equal(1, await Portal.WithDbAsync(db => Task.FromResult(db.DataObjects.Count(o => o.JobId == job))));
    }
}
