using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>The requester's API through the real HTTP pipeline, on each database provider.</summary>
public abstract class JobsApiTests(PortalFixture fixture)
{
    private PortalFactory Portal => fixture.Require();

    [Fact]
    public async Task CreateJob_ManifestWithBadLines_ImportsValidLinesAndReportsEachBadLine()
    {
        // Arrange
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"));
        var manifest = string.Join('\n',
            """{"source":"good one","keep":{"nested":[1,2]}}""",
            """{"source": "missing brace" """,
            """{"neither":"x"}""",
            """{"source":"a","source-ref":"b.png"}""",
            "",
            """{"source":"good two"}""",
            """{"source":"x","$bad":1}""",
            "{\"source\":\"" + new string('a', 100_001) + "\"}",
            """["not an object"]""",
            """{"source-ref":"image.png"}""");
        var spec = Specs.Text(team);

        // Act
        var response = await PostJobAsync(Portal.ClientFor(requester), spec, manifest);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        Assert.Equal(JobStatus.InProgress, await Portal.WaitForStatusAsync(id, s => s != JobStatus.Initializing));
        var errors = await Portal.ClientFor(requester).GetFromJsonAsync<JsonArray>($"/api/jobs/{id}/import-errors");
        var byLine = errors!.ToDictionary(e => e!["lineNumber"]!.GetValue<long>(), e => e!["message"]!.GetValue<string>());
        Assert.Equal([2L, 3, 4, 7, 8, 9, 10], byLine.Keys.Order());
        Assert.StartsWith("Not valid JSON", byLine[2]);
        Assert.Contains("neither \"source-ref\"", byLine[3]);
        Assert.Contains("both", byLine[4]);
        Assert.Contains("'$bad'", byLine[7]);
        Assert.Contains("100,000", byLine[8]);
        Assert.Contains("one JSON object", byLine[9]);
        Assert.Contains("this line has \"source-ref\"", byLine[10]);
        var objects = await Portal.WithDbAsync(db => db.DataObjects.Where(o => o.JobId == id).OrderBy(o => o.DatasetObjectId)
            .Select(o => new { o.DatasetObjectId, o.ManifestLine }).ToListAsync());
        Assert.Equal([0L, 5], objects.Select(o => o.DatasetObjectId));
        Assert.Equal("""{"source":"good one","keep":{"nested":[1,2]}}""", objects[0].ManifestLine);
    }

    [Fact]
    public async Task CreateJob_ImageManifestWithBadReferences_RejectsEachLineAndKeepsGoodImages()
    {
        // Arrange
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"));
        var good = Specs.ImageManifest(Portal.DataFolder, 2).TrimEnd('\n').Split('\n');
        var broken = Path.Combine(Portal.DataFolder, "objects", "broken.png");
        File.WriteAllText(broken, "this is not a png");
        var outside = Path.Combine(Path.GetTempPath(), $"outside-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(outside, GroundTruth.Core.Images.SampleImages.Draw("circle", 1, 32, 32));
        var manifest = string.Join('\n',
            good[0],
            """{"source-ref":"missing/nothing.png"}""",
            """{"source-ref":"../../etc/passwd"}""",
            JsonSerializer.Serialize(new Dictionary<string, string> { ["source-ref"] = outside }),
            """{"source-ref":"broken.png"}""",
            """{"source-ref":"https://example.com/a.png"}""",
            """{"source":"text in an image job"}""",
            good[1]);

        // Act
        var response = await PostJobAsync(Portal.ClientFor(requester), Specs.Image(team), manifest);

        // Assert
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        Assert.Equal(JobStatus.InProgress, await Portal.WaitForStatusAsync(id, s => s != JobStatus.Initializing));
        var errors = (await Portal.ClientFor(requester).GetFromJsonAsync<JsonArray>($"/api/jobs/{id}/import-errors"))!
            .ToDictionary(e => e!["lineNumber"]!.GetValue<long>(), e => e!["message"]!.GetValue<string>());
        // Lines that are not a usable reference are rejected; a reference to a missing or undecodable file becomes a
        // failed object with its reason, counted as failed, and the job goes on with the good images.
        Assert.Equal([3L, 4, 6, 7], errors.Keys.Order());
        Assert.Contains("may not leave the data folder", errors[3]);
        Assert.Contains("outside the data folder", errors[4]);
        Assert.Contains("scheme", errors[6]);
        Assert.Contains("needs \"source-ref\"", errors[7]);
        var objects = await Portal.WithDbAsync(db => db.DataObjects.Where(o => o.JobId == id).OrderBy(o => o.DatasetObjectId)
            .Select(o => new { o.DatasetObjectId, o.Width, o.Height, o.Status, o.FailureReason }).ToListAsync());
        Assert.Equal(
            [(0L, 64, 48, DataObjectStatus.Pending), (1L, 0, 0, DataObjectStatus.Failed), (4L, 0, 0, DataObjectStatus.Failed), (7L, 64, 48, DataObjectStatus.Pending)],
            objects.Select(o => (o.DatasetObjectId, o.Width ?? 0, o.Height ?? 0, o.Status)));
        Assert.Equal("The image 'missing/nothing.png' does not exist in the data folder.", objects[1].FailureReason);
        Assert.StartsWith("The image 'broken.png' cannot be used: ", objects[2].FailureReason, StringComparison.Ordinal);
        var job = (await Portal.ClientFor(requester).GetFromJsonAsync<JsonObject>($"/api/jobs/{id}"))!;
        Assert.Equal(2, job["counters"]!["failedNonRetryableError"]!.GetValue<int>());
        Assert.Equal(2, job["counters"]!["unlabeled"]!.GetValue<int>());
        File.Delete(outside);
    }

    [Fact]
    public async Task CreateJob_SourceRefIntoAnotherRequestersJobFiles_IsRejected_OwnJobFilesAreAllowed()
    {
        // Arrange: requester A has a job (its input manifest is a file under jobs/<id>/); B tries to name it.
        var owner = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var other = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"));
        var first = (await (await PostJobAsync(Portal.ClientFor(owner), Specs.Image(team), Specs.ImageManifest(Portal.DataFolder, 1)))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        await Portal.WaitForStatusAsync(first, s => s != JobStatus.Initializing);
        var privateFile = $"jobs/{first:N}/input/input.manifest";
        var good = Specs.ImageManifest(Portal.DataFolder, 1).TrimEnd('\n');
        var manifest = string.Join('\n', good, $$"""{"source-ref":"{{privateFile}}"}""", """{"source-ref":"_tiles/0123/layout.json"}""");

        // Act
        var byOther = (await (await PostJobAsync(Portal.ClientFor(other), Specs.Image(team), manifest)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var byOwner = (await (await PostJobAsync(Portal.ClientFor(owner), Specs.Image(team), manifest)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        // Assert: B's line 2 is refused for naming A's job file; A's own line 2 gets past the check (and fails as an
        // image, since a manifest is not one); the tile cache is refused to both.
        await Portal.WaitForStatusAsync(byOther, s => s != JobStatus.Initializing);
        await Portal.WaitForStatusAsync(byOwner, s => s != JobStatus.Initializing);
        var otherErrors = (await Portal.ClientFor(other).GetFromJsonAsync<JsonArray>($"/api/jobs/{byOther}/import-errors"))!
            .ToDictionary(e => e!["lineNumber"]!.GetValue<long>(), e => e!["message"]!.GetValue<string>());
        var ownerErrors = (await Portal.ClientFor(owner).GetFromJsonAsync<JsonArray>($"/api/jobs/{byOwner}/import-errors"))!
            .ToDictionary(e => e!["lineNumber"]!.GetValue<long>(), e => e!["message"]!.GetValue<string>());
        Assert.Equal([2L, 3], otherErrors.Keys.Order());
        Assert.Contains("another requester's job", otherErrors[2], StringComparison.Ordinal);
        Assert.Contains("tile cache", otherErrors[3], StringComparison.Ordinal);
        Assert.Equal([3L], ownerErrors.Keys.Order());
        var ownerFailed = await Portal.WithDbAsync(db => db.DataObjects.Where(o => o.JobId == byOwner && o.DatasetObjectId == 1).Select(o => o.Status).SingleAsync());
        Assert.Equal(DataObjectStatus.Failed, ownerFailed);
    }

    [Fact]
    public async Task CreateJob_DuplicateNameInOtherCase_IsRejectedWithFieldMessage()
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"));
        var name = Specs.UniqueName("dup");
        Assert.Equal(HttpStatusCode.Created, (await PostJobAsync(Portal.ClientFor(requester), Specs.Text(team, name: name), Specs.TextManifest(2))).StatusCode);

        var second = await PostJobAsync(Portal.ClientFor(requester), Specs.Text(team, name: name.ToUpperInvariant()), Specs.TextManifest(2));

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("already exists", problem!["errors"]!["Name"]![0]!.GetValue<string>());
        Assert.Equal(1, await Portal.WithDbAsync(db => db.Jobs.CountAsync(j => j.NameKey == name.ToLowerInvariant())));
    }

    [Fact]
    public async Task CreateJob_InvalidSpec_ReportsEveryField()
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var spec = Specs.Text(Guid.Empty) with
        {
            Name = "bad name!",
            LabelAttributeName = "label-metadata",
            Labels = [new("ok"), new("<b>bold</b>"), new("ok")],
            WorkersPerObject = 12,
        };

        var response = await PostJobAsync(Portal.ClientFor(requester), spec, Specs.TextManifest(1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("letters, digits and hyphens", errors["Name"]![0]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("-metadata", errors["LabelAttributeName"]![0]!.GetValue<string>());
        Assert.Contains("HTML", errors["labels[1]"]![0]!.GetValue<string>());
        Assert.Contains("more than once", errors["labels[2]"]![0]!.GetValue<string>());
        Assert.Contains("1–9", errors["WorkersPerObject"]![0]!.GetValue<string>());
        Assert.True(errors.ContainsKey("WorkTeamId"));
    }

    [Fact]
    public async Task Jobs_OtherRequesterAndAnonymous_CannotSeeOrDownload()
    {
        var owner = await Portal.CreateUserAsync($"own-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var other = await Portal.CreateUserAsync($"oth-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var worker = await Portal.CreateUserAsync($"wrk-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), worker);
        var id = await Portal.CreateJobAsync(Specs.Text(team), Specs.TextManifest(3), owner);
        var objectId = await Portal.WithDbAsync(db => db.DataObjects.Where(o => o.JobId == id).Select(o => o.Id).FirstAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await Portal.ClientFor(other).GetAsync($"/api/jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Portal.ClientFor(other).GetAsync($"/api/jobs/{id}/output-manifest")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Portal.ClientFor(other).GetAsync($"/api/data-objects/{objectId}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Portal.ClientFor(worker).GetAsync($"/api/jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Portal.ClientFor(worker).GetAsync($"/api/data-objects/{objectId}/content")).StatusCode);
        var anonymous = Portal.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/jobs/{id}/output-manifest")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Portal.ClientFor(owner).GetAsync($"/api/data-objects/{objectId}/content")).StatusCode);
        var list = await Portal.ClientFor(other).GetFromJsonAsync<JsonArray>("/api/jobs");
        Assert.DoesNotContain(list!, j => j!["id"]!.GetValue<Guid>() == id);
    }

    [Fact]
    public async Task OutputManifest_AfterLabeling_IsGroundTruthFormatAndChainsIntoANewJob()
    {
        // Arrange: two workers label three texts.
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var w1 = await Portal.CreateUserAsync($"w1-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var w2 = await Portal.CreateUserAsync($"w2-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), w1, w2);
        var spec = Specs.Text(team, workers: 2);
        var id = await Portal.CreateJobAsync(spec, Specs.TextManifest(3), requester);
        string[][] answers = [["positive", "positive"], ["negative", "neutral"], ["neutral", "neutral"]];

        // Act
        foreach (var (worker, column) in new[] { (w1, 0), (w2, 1) })
        {
            var client = Portal.ClientFor(worker);
            for (var i = 0; i < 3; i++)
            {
                var task = await (await client.PostAsync($"/api/jobs/{id}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();
                var index = int.Parse(task!["text"]!.GetValue<string>().Split(' ')[^1]);
                var submit = await client.PostAsJsonAsync($"/api/tasks/{task["taskId"]}/submit", new { labels = new[] { answers[index][column] } });
                Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
            }
        }

        // Assert
        Assert.Equal(JobStatus.Completed, await Portal.WaitForStatusAsync(id, s => s == JobStatus.Completed));
        var text = await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{id}/output-manifest");
        var lines = text.TrimEnd('\n').Split('\n').Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal([0, 1, 2], lines.Select(l => l["id"]!.GetValue<int>()));
        Assert.Equal(0, lines[0]["sentiment"]!.GetValue<int>());
        var meta0 = lines[0]["sentiment-metadata"]!.AsObject();
        Assert.Equal("positive", meta0["class-name"]!.GetValue<string>());
        Assert.Equal(1.0, meta0["confidence"]!.GetValue<double>());
        Assert.Equal("groundtruth/text-classification", meta0["type"]!.GetValue<string>());
        Assert.Equal("labeling-job/" + spec.Name, meta0["job-name"]!.GetValue<string>());
        Assert.Equal("yes", meta0["human-annotated"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", meta0["creation-date"]!.GetValue<string>());
        Assert.Equal(1, lines[1]["sentiment"]!.GetValue<int>());
        Assert.Equal(0.5, lines[1]["sentiment-metadata"]!["confidence"]!.GetValue<double>());
        Assert.Equal("neutral", lines[2]["sentiment-metadata"]!["class-name"]!.GetValue<string>());

        // Per-worker responses in Ground Truth's worker-response layout.
        using var zip = new System.IO.Compression.ZipArchive(await Portal.ClientFor(requester).GetStreamAsync($"/api/jobs/{id}/worker-responses"));
        var entries = zip.Entries.Select(e => e.FullName).Order().ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Matches(@"^annotations/worker-response/iteration-1/[012]/\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.json$", e));
        using (var reader = new StreamReader(zip.Entries.First(e => e.FullName.Contains("/1/", StringComparison.Ordinal)).Open()))
        {
            var file = JsonNode.Parse(await reader.ReadToEndAsync())!["answers"]!.AsArray();
            Assert.Equal(["negative", "neutral"], file.Select(a => a!["answerContent"]!["crowd-classifier"]!["label"]!.GetValue<string>()).Order());
            Assert.Equal(new[] { w1, w2 }.Order(), file.Select(a => a!["workerId"]!.GetValue<string>()).Order());
        }

        // The output is a valid input manifest for the next job, and its labels ride along untouched.
        var chained = await Portal.CreateJobAsync(Specs.Text(team) with { LabelAttributeName = "sentiment-review" }, text, requester);
        var first = await Portal.WithDbAsync(db => db.DataObjects.Where(o => o.JobId == chained && o.DatasetObjectId == 0).Select(o => o.ManifestLine).FirstAsync());
        Assert.Equal("positive", JsonNode.Parse(first)!["sentiment-metadata"]!["class-name"]!.GetValue<string>());
        Assert.Equal(3, await Portal.WithDbAsync(db => db.DataObjects.CountAsync(o => o.JobId == chained && o.Status == DataObjectStatus.Pending)));
    }

    [Fact]
    public async Task StopJob_InProgress_WritesOutputForWhatWasLabeledAndEndsStopped()
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var worker = await Portal.CreateUserAsync($"w-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), worker);
        var id = await Portal.CreateJobAsync(Specs.Text(team), Specs.TextManifest(3), requester);
        var client = Portal.ClientFor(worker);
        var task = await (await client.PostAsync($"/api/jobs/{id}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();
        await client.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { labels = new[] { "neutral" } });
        var held = await (await client.PostAsync($"/api/jobs/{id}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();

        var stop = await Portal.ClientFor(requester).PostAsync($"/api/jobs/{id}/stop", null);

        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        Assert.Equal(JobStatus.Stopped, await Portal.WaitForStatusAsync(id, s => s == JobStatus.Stopped));
        var late = await client.PostAsJsonAsync($"/api/tasks/{held!["taskId"]}/submit", new { labels = new[] { "neutral" } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/jobs/{id}/tasks/claim", null)).StatusCode);
        var lines = (await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{id}/output-manifest")).TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Single(lines, l => l.Contains("sentiment-metadata", StringComparison.Ordinal));
        var stored = Path.Combine(Portal.DataFolder, "objects", "jobs", id.ToString("N"), "manifests", "output", "output.manifest");
        Assert.Equal(lines, File.ReadAllText(stored).TrimEnd('\n').Split('\n'));
    }

    private static async Task<HttpResponseMessage> PostJobAsync(HttpClient client, JobSpec spec, string manifest)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(spec, Json)), "spec" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(manifest)), "manifest", "input.manifest" },
        };
        return await client.PostAsync("/api/jobs", content);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}

public sealed class SqliteJobsApiTests(SqlitePortalFixture fixture) : JobsApiTests(fixture), IClassFixture<SqlitePortalFixture>;

public sealed class PostgresJobsApiTests(PostgresPortalFixture fixture) : JobsApiTests(fixture), IClassFixture<PostgresPortalFixture>;
