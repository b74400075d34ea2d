using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Text;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>Named-entity jobs through the worker API: answer checks and the groundtruth/text-span output.</summary>
public abstract class NamedEntityApiTests(PortalFixture fixture)
{
    // The emoji before "Ada" is one code point but two UTF-16 units: offsets must count it once.
    private const string Text = "😀 Ada flew to Paris.";

    private PortalFactory Portal => fixture.Require();

    private async Task<(Guid Job, string Requester, string[] Workers)> SetUpAsync(int workersPerObject, string manifest, string? preAnnotations = null)
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var workers = new string[workersPerObject];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = await Portal.CreateUserAsync($"w{i}-{Guid.NewGuid():N}@t.io", Roles.PrivateWorker);
        }

        var team = await Portal.CreateTeamAsync(Specs.UniqueName("team"), workers);
        var spec = new JobSpec
        {
            Name = Specs.UniqueName("ner"),
            LabelAttributeName = "entities",
            TaskType = TaskType.NamedEntityRecognition,
            Labels = [new("person", "per"), new("place", "loc")],
            ShortInstructions = "Mark people and places.",
            PreAnnotationsAttribute = preAnnotations,
            WorkTeamId = team,
            WorkersPerObject = workersPerObject,
            TaskTimeLimitSeconds = 60,
        };
        return (await Portal.CreateJobAsync(spec, manifest, requester), requester, workers);
    }

    private static string Line(string text) => JsonSerializer.Serialize(new Dictionary<string, string> { ["source"] = text });

    private static async Task<long> ClaimAsync(HttpClient client, Guid job)
    {
        var task = await (await client.PostAsync($"/api/jobs/{job}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();
        return task!["taskId"]!.GetValue<long>();
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, long taskId, string entities) =>
        client.PostAsJsonAsync($"/api/tasks/{taskId}/submit",
            new { answer = JsonNode.Parse("{\"crowd-entity-annotation\":{\"entities\":" + entities + "}}") });

    [Theory]
    [InlineData("""[{"label":"animal","startOffset":2,"endOffset":5}]""", "'animal' is not one of this job's labels.")]
    [InlineData("""[{"label":"place","startOffset":14,"endOffset":21}]""", "outside the text, which has 20 characters")]
    [InlineData("""[{"label":"place","startOffset":5,"endOffset":5}]""", "is empty")]
    [InlineData("""[{"label":"place","startOffset":2.5,"endOffset":5}]""", "whole-number")]
    [InlineData("""[{"label":"person","startOffset":2,"endOffset":5},{"label":"place","startOffset":4,"endOffset":9}]""", "overlap")]
    public async Task Submit_BadEntities_RejectedWithReasonAndNothingRecorded(string entities, string expected)
    {
        var (job, _, workers) = await SetUpAsync(1, Line(Text));
        var client = Portal.ClientFor(workers[0]);
        var taskId = await ClaimAsync(client, job);

        var response = await SubmitAsync(client, taskId, entities);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        Assert.Equal(0, await Portal.WithDbAsync(db => db.Responses.CountAsync(r => r.JobId == job)));
    }

    [Fact]
    public async Task OutputManifest_TwoWorkersAgree_WritesTextSpanLabelWithCodePointOffsets()
    {
        // Arrange
        var (job, requester, workers) = await SetUpAsync(2, Line(Text));
        var answer = """[{"label":"place","startOffset":14,"endOffset":19},{"label":"person","startOffset":2,"endOffset":5}]""";

        // Act
        foreach (var worker in workers)
        {
            var client = Portal.ClientFor(worker);
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, await ClaimAsync(client, job), answer)).StatusCode);
        }

        var line = JsonNode.Parse((await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim())!;

        // Assert
        Assert.Equal(
            """{"annotations":{"labels":[{"label":"person","shortDisplayName":"per"},{"label":"place","shortDisplayName":"loc"}],"entities":[{"label":"person","startOffset":2,"endOffset":5},{"label":"place","startOffset":14,"endOffset":19}]}}""",
            line["entities"]!.ToJsonString());
        var metadata = line["entities-metadata"]!;
        Assert.Equal("groundtruth/text-span", metadata["type"]!.GetValue<string>());
        Assert.Equal("""[{"confidence":1},{"confidence":1}]""", metadata["entities"]!.ToJsonString());
        var source = line["source"]!.GetValue<string>();
        Assert.Equal(["Ada", "Paris"], line["entities"]!["annotations"]!["entities"]!.AsArray()
            .Select(e => CodePoints.Slice(source, e!["startOffset"]!.GetValue<int>(), e["endOffset"]!.GetValue<int>())));
    }

    [Fact]
    public async Task Import_EmptyText_ReportedAndOtherLinesKept()
    {
        var (job, requester, _) = await SetUpAsync(1, string.Join('\n', Line(Text), """{"source":""}""", Line("Bob")));

        var errors = await Portal.ClientFor(requester).GetFromJsonAsync<JsonArray>($"/api/jobs/{job}/import-errors");

        Assert.Equal(2L, Assert.Single(errors!)!["lineNumber"]!.GetValue<long>());
        Assert.Equal(2, await Portal.WithDbAsync(db => db.DataObjects.CountAsync(o => o.JobId == job)));
    }

    [Fact]
    public async Task GetTask_AdjustmentJob_CarriesPreAnnotationsAttributeAndLine()
    {
        var manifest = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["source"] = Text,
            ["prior"] = new { annotations = new { entities = new[] { new { label = "person", startOffset = 2, endOffset = 5 } } } },
        });
        var (job, _, workers) = await SetUpAsync(1, manifest, preAnnotations: "prior");
        var client = Portal.ClientFor(workers[0]);

        var task = await client.GetFromJsonAsync<JsonObject>($"/api/tasks/{await ClaimAsync(client, job)}");

        Assert.Equal("prior", task!["preAnnotationsAttribute"]!.GetValue<string>());
        Assert.Contains("\"prior\"", task["manifestLine"]!.GetValue<string>());
    }
}

public sealed class SqliteNamedEntityApiTests(SqlitePortalFixture fixture) : NamedEntityApiTests(fixture), IClassFixture<SqlitePortalFixture>;

public sealed class PostgresNamedEntityApiTests(PostgresPortalFixture fixture) : NamedEntityApiTests(fixture), IClassFixture<PostgresPortalFixture>;
