using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Assignment;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Segmentation;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>
/// Semantic segmentation through the worker API: masks are PUT out of band, checked (size, class indices), stored in
/// the object store, voted, and the output manifest's '-ref' names a palette PNG the requester can fetch.
/// </summary>
public sealed class SegmentationApiTests(SqlitePortalFixture fixture) : IClassFixture<SqlitePortalFixture>
{
    private const int Width = 64;
    private const int Height = 48;

    private PortalFactory Portal => fixture.Require();

    private async Task<(Guid Job, string Requester, HttpClient[] Workers)> SetUpAsync(int workers)
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var ids = new string[workers];
        for (var i = 0; i < workers; i++)
        {
            ids[i] = await Portal.CreateUserAsync($"w{i}-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        }

        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), ids);
        var spec = Specs.Image(team, workers) with { TaskType = TaskType.SemanticSegmentation, LabelAttributeName = "regions-ref", Labels = [new("sky"), new("road")] };
        var job = await Portal.CreateJobAsync(spec, Specs.ImageManifest(Portal.DataFolder, 1), requester);
        return (job, requester, [.. ids.Select(Portal.ClientFor)]);
    }

    private static async Task<long> ClaimAsync(HttpClient client, Guid job)
    {
        var response = await client.PostAsync($"/api/jobs/{job}/tasks/claim", null);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["taskId"]!.GetValue<long>();
    }

    /// <summary>A mask with class <paramref name="value"/> in the rectangle [x0, x1) × [y0, y1), background elsewhere.</summary>
    private static byte[] Mask(byte value, int x0 = 10, int y0 = 10, int x1 = 30, int y1 = 30, int width = Width, int height = Height, int paletteLabels = 2)
    {
        var pixels = new byte[width * height];
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                pixels[(y * width) + x] = value;
            }
        }

        return PalettePng.Encode(pixels, width, height, GroundTruth.Core.Jobs.SegmentationPalette.Rgb(paletteLabels));
    }

    private static Task<HttpResponseMessage> PutMaskAsync(HttpClient client, long task, byte[] png)
    {
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return client.PutAsync($"/api/tasks/{task}/mask", content);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, long task) =>
        client.PostAsJsonAsync($"/api/tasks/{task}/submit", new
        {
            answer = Element(new JsonObject()),
        });

    private static JsonObject Element(JsonObject labeledImage) => new()
    {
        ["crowd-semantic-segmentation"] = new JsonObject
        {
            ["inputImageProperties"] = new JsonObject { ["height"] = Height, ["width"] = Width },
            ["labelMappings"] = new JsonObject { ["sky"] = new JsonObject { ["color"] = "#1f77b4" } },
            ["labeledImage"] = labeledImage,
        },
    };

    private static async Task<string> MessageOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();

    [Fact]
    public async Task Masks_TwoWorkersUploadAndSubmit_OutputRefIsAVotedPalettePngTheRequesterCanFetch()
    {
        // Arrange
        var (job, requester, workers) = await SetUpAsync(2);
        var first = await ClaimAsync(workers[0], job);
        var second = await ClaimAsync(workers[1], job);

        // Act: both paint the same road square (one a pixel wider); the first also restores its own draft mask.
        var putA = await PutMaskAsync(workers[0], first, Mask(2));
        var draft = await workers[0].GetByteArrayAsync($"/api/tasks/{first}/mask");
        var putB = await PutMaskAsync(workers[1], second, Mask(2, x1: 31));
        var a = await SubmitAsync(workers[0], first);
        var b = await SubmitAsync(workers[1], second);

        // Assert
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (putA.StatusCode, putB.StatusCode));
        Assert.Equal(Mask(2), draft);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (a.StatusCode, b.StatusCode));
        var requesterClient = Portal.ClientFor(requester);
        var line = JsonNode.Parse((await requesterClient.GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim())!.AsObject();
        var reference = line["regions-ref"]!.GetValue<string>();
        Assert.Matches($"^jobs/{job:N}/annotations/consolidated-annotation/output/0_.+\\.png$", reference);
        var metadata = line["regions-ref-metadata"]!.AsObject();
        Assert.Equal("groundtruth/semantic-segmentation", metadata["type"]!.GetValue<string>());
        Assert.Equal("yes", metadata["human-annotated"]!.GetValue<string>());
        var map = metadata["internal-color-map"]!.AsObject();
        Assert.Equal(["BACKGROUND", "sky", "road"], map.Select(p => p.Value!["class-name"]!.GetValue<string>()));
        Assert.Equal(["#ffffff", "#1f77b4", "#ff7f0e"], map.Select(p => p.Value!["hex-color"]!.GetValue<string>()));
        Assert.InRange(map["0"]!["confidence"]!.GetValue<double>(), 0.9, 1.0);

        var png = await requesterClient.GetByteArrayAsync($"/api/jobs/{job}/files/{reference}");
        var decoded = PalettePng.Decode(png);
        Assert.Equal((Width, Height), (decoded.Width, decoded.Height));
        Assert.Equal(2, decoded.Pixels[(20 * Width) + 20]);
        Assert.Equal(0, decoded.Pixels[(40 * Width) + 50]);
        Assert.DoesNotContain((byte)1, decoded.Pixels);

        // The worker-response files carry each mask inline, in the crowd element's own shape.
        using var zip = new System.IO.Compression.ZipArchive(await requesterClient.GetStreamAsync($"/api/jobs/{job}/worker-responses"));
        using var reader = new StreamReader(zip.Entries.Single().Open());
        var responses = JsonNode.Parse(await reader.ReadToEndAsync())!["answers"]!.AsArray();
        var inline = responses.Select(r => r!["answerContent"]!["crowd-semantic-segmentation"]!["labeledImage"]!.AsObject()).ToList();
        Assert.Equal(["pngImageData"], inline.SelectMany(i => i.Select(p => p.Key)).Distinct());
        Assert.Contains(Convert.ToBase64String(Mask(2)), inline.Select(i => i["pngImageData"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Mask_WrongSize_IsRejectedAndNotStored()
    {
        var (job, _, workers) = await SetUpAsync(1);
        var task = await ClaimAsync(workers[0], job);

        var put = await PutMaskAsync(workers[0], task, Mask(1, width: 32, height: 48));
        var stored = await workers[0].GetAsync($"/api/tasks/{task}/mask");
        var submit = await SubmitAsync(workers[0], task);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal("The mask is 32 × 48 pixels but the image is 64 × 48; the mask must have the image's size.", await MessageOf(put));
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submit.StatusCode);
        Assert.Equal("No mask was uploaded for this task.", await MessageOf(submit));
    }

    [Fact]
    public async Task Mask_IndexBeyondTheJobsLabels_IsRejected()
    {
        var (job, _, workers) = await SetUpAsync(1);
        var task = await ClaimAsync(workers[0], job);

        var put = await PutMaskAsync(workers[0], task, Mask(3, paletteLabels: 3));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal("Pixel (10, 10) has class index 3, but this job has 2 labels (0 = background, 1–2 = the labels in order).", await MessageOf(put));
    }

    [Fact]
    public async Task Submit_InlinePngImageData_IsCheckedAndStoredLikeAnUpload()
    {
        var (job, requester, workers) = await SetUpAsync(1);
        var task = await ClaimAsync(workers[0], job);
        static JsonObject Answer(byte[] png) => Element(new JsonObject { ["pngImageData"] = Convert.ToBase64String(png) });

        var bad = await workers[0].PostAsJsonAsync($"/api/tasks/{task}/submit", new { answer = Answer(Mask(3, paletteLabels: 3)) });
        var good = await workers[0].PostAsJsonAsync($"/api/tasks/{task}/submit", new { answer = Answer(Mask(1)) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var line = JsonNode.Parse((await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim())!.AsObject();
        Assert.Equal(0.0, line["regions-ref-metadata"]!["internal-color-map"]!["1"]!["confidence"]!.GetValue<double>());
        var png = await Portal.ClientFor(requester).GetByteArrayAsync($"/api/jobs/{job}/files/{line["regions-ref"]!.GetValue<string>()}");
        Assert.Equal(Mask(1), png.Length > 0 ? PalettePng.Encode(PalettePng.Decode(png).Pixels, Width, Height, GroundTruth.Core.Jobs.SegmentationPalette.Rgb(2)) : []);
    }

    [Fact]
    public async Task Release_SegmentationTask_DeletesItsMask()
    {
        var (job, requester, workers) = await SetUpAsync(1);
        var task = await ClaimAsync(workers[0], job);
        await PutMaskAsync(workers[0], task, Mask(1));
        var key = $"jobs/{job:N}/annotations/worker-masks/{task}.png";
        var before = await Portal.ClientFor(requester).GetAsync($"/api/jobs/{job}/files/{key}");

        var release = await workers[0].PostAsync($"/api/tasks/{task}/release", null);
        var after = await Portal.ClientFor(requester).GetAsync($"/api/jobs/{job}/files/{key}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound), (before.StatusCode, release.StatusCode, after.StatusCode));
    }

    [Fact]
    public async Task Sweep_ExpiredSegmentationTask_DeletesItsMask()
    {
        // Arrange: a worker uploads a mask, then lets the task's time limit run out.
        var (job, requester, workers) = await SetUpAsync(1);
        var task = await ClaimAsync(workers[0], job);
        await PutMaskAsync(workers[0], task, Mask(1));
        var key = $"jobs/{job:N}/annotations/worker-masks/{task}.png";
        var before = await Portal.ClientFor(requester).GetAsync($"/api/jobs/{job}/files/{key}");
        fixture.Time.Advance(TimeSpan.FromSeconds(61));

        // Act
        await Portal.Get<GroundTruth.Portal.Features.Labeling.LabelingService>().SweepAsync();

        // Assert
        var after = await Portal.ClientFor(requester).GetAsync($"/api/jobs/{job}/files/{key}");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (before.StatusCode, after.StatusCode));
        Assert.Equal(AssignmentState.Expired, await Portal.WithDbAsync(db => db.Assignments.Where(a => a.Id == task).Select(a => a.State).SingleAsync()));
    }

    [Fact]
    public async Task Stop_JobWithALiveSegmentationTask_DeletesItsMask()
    {
        var (job, requester, workers) = await SetUpAsync(1);
        var task = await ClaimAsync(workers[0], job);
        await PutMaskAsync(workers[0], task, Mask(1));
        var key = $"jobs/{job:N}/annotations/worker-masks/{task}.png";

        var stop = await Portal.ClientFor(requester).PostAsync($"/api/jobs/{job}/stop", null);
        var after = await Portal.ClientFor(requester).GetAsync($"/api/jobs/{job}/files/{key}");

        Assert.True(stop.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Mask_OfAnotherWorkersTask_IsNotFoundAndJobFilesAreTheRequesters()
    {
        var (job, requester, workers) = await SetUpAsync(2);
        var task = await ClaimAsync(workers[0], job);
        await PutMaskAsync(workers[0], task, Mask(1));
        var stranger = await Portal.CreateUserAsync($"other-{Guid.NewGuid():N}@t.io", Roles.Requester);

        var put = await PutMaskAsync(workers[1], task, Mask(2));
        var get = await workers[1].GetAsync($"/api/tasks/{task}/mask");
        var key = $"jobs/{job:N}/annotations/worker-masks/{task}.png";
        var owner = await Portal.ClientFor(requester).GetAsync($"/api/jobs/{job}/files/{key}");
        var foreign = await Portal.ClientFor(stranger).GetAsync($"/api/jobs/{job}/files/{key}");
        var outside = await Portal.ClientFor(requester).GetAsync($"/api/jobs/{job}/files/jobs/{Guid.NewGuid():N}/x.png");

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }
}
