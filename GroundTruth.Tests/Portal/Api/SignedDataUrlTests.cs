using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>Workers read a task's data only through its signed URL, only themselves, and only while the task is theirs.</summary>
public sealed class SignedDataUrlTests(SqlitePortalFixture fixture) : IClassFixture<SqlitePortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    private async Task<(HttpClient Worker, HttpClient Other, JsonObject Task)> ClaimAsync(int taskTimeLimitSeconds = 60)
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@signed.test", Roles.Requester);
        var worker = await Portal.CreateUserAsync($"w-{Guid.NewGuid():N}@signed.test", Roles.PrivateWorker);
        var other = await Portal.CreateUserAsync($"o-{Guid.NewGuid():N}@signed.test", Roles.PrivateWorker);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("signed"), worker, other);
        var job = await Portal.CreateJobAsync(Specs.Text(team) with { TaskTimeLimitSeconds = taskTimeLimitSeconds }, Specs.TextManifest(2), requester);
        var client = Portal.ClientFor(worker);
        var task = await (await client.PostAsync($"/api/jobs/{job}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();
        return (client, Portal.ClientFor(other), task!);
    }

    private static string Url(JsonObject task) => task["contentUrl"]!.GetValue<string>();

    [Fact]
    public async Task SignedUrl_WorkerHoldingTheTask_GetsTheData()
    {
        var (worker, _, task) = await ClaimAsync();

        var response = await worker.GetAsync(Url(task));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("/api/task-data/", Url(task), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedUrl_Tampered_IsRefused()
    {
        var (worker, _, task) = await ClaimAsync();
        var url = Url(task);
        var flipped = url[^5] == 'A' ? 'B' : 'A';

        var response = await worker.GetAsync(url[..^5] + flipped + url[^4..]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task SignedUrl_PastItsLifetimeWhileTheTaskIsStillLive_IsRefused()
    {
        var (worker, _, task) = await ClaimAsync(taskTimeLimitSeconds: 3 * 3600);
        var url = Url(task);

        fixture.Time.Advance(TimeSpan.FromMinutes(31));
        var stale = await worker.GetAsync(url);
        var fresh = await worker.GetFromJsonAsync<JsonObject>($"/api/tasks/{task["taskId"]}");

        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(Url(fresh!))).StatusCode);
    }

    [Fact]
    public async Task SignedUrl_UsedByAnotherSignedInWorker_IsRefused()
    {
        var (_, other, task) = await ClaimAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Url(task))).StatusCode);
    }

    [Fact]
    public async Task SignedUrl_Anonymous_IsRefused()
    {
        var (_, _, task) = await ClaimAsync();

        var response = await Portal.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(Url(task));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignedUrl_AfterRelease_IsRefused()
    {
        var (worker, _, task) = await ClaimAsync();

        Assert.Equal(HttpStatusCode.OK, (await worker.PostAsync($"/api/tasks/{task["taskId"]}/release", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync(Url(task))).StatusCode);
    }

    [Fact]
    public async Task SignedUrl_AfterSubmit_IsRefused()
    {
        var (worker, _, task) = await ClaimAsync();

        await worker.PostAsJsonAsync($"/api/tasks/{task["taskId"]}/submit", new { labels = new[] { "neutral" } });

        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync(Url(task))).StatusCode);
    }

    [Fact]
    public async Task GuessablePath_WorkerHoldingTheTask_IsRefused()
    {
        var (worker, _, task) = await ClaimAsync();

        var response = await worker.GetAsync($"/api/data-objects/{task["dataObjectId"]}/content");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
