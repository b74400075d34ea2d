using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Assignment;
using GroundTruth.Core.Audit;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Audit;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Features.Admin;

/// <summary>Deactivation, reactivation and member activity, through the real sign-in form and the worker API.</summary>
public sealed class UserAdminServiceTests(SqlitePortalFixture fixture) : IClassFixture<SqlitePortalFixture>
{
    private const string Password = "Test-pass1";

    private PortalFactory Portal => fixture.Portal;

    private UserAdminService Users => Portal.Get<UserAdminService>();

    private async Task<(string Admin, string Worker, string Email, Guid Team, Guid Job)> SetUpAsync()
    {
        var admin = await Portal.CreateUserAsync($"adm-{Guid.NewGuid():N}@deact.test", Roles.Admin);
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@deact.test", Roles.Requester);
        var email = $"w-{Guid.NewGuid():N}@deact.test";
        var worker = await Portal.CreateUserAsync(email, Roles.PrivateWorker);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("deact"), worker);
        var job = await Portal.CreateJobAsync(Specs.Text(team) with { TaskTimeLimitSeconds = 3600 }, Specs.TextManifest(3), requester);
        return (admin, worker, email, team, job);
    }

    private async Task<IReadOnlyList<AuditEntry>> EntriesAsync(string action, string target) =>
        [.. (await Portal.Get<AuditLog>().ListAsync(new AuditFilter(action))).Where(e => e.Target == target)];

    [Fact]
    public async Task Deactivate_WorkerHoldingATask_ReleasesItAndIsAudited()
    {
        var (admin, worker, email, _, job) = await SetUpAsync();
        var task = await (await Portal.ClientFor(worker).PostAsync($"/api/jobs/{job}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();
        var taskId = task!["taskId"]!.GetValue<long>();

        Assert.Empty(await Users.DeactivateAsync(worker, admin));

        Assert.Equal(AssignmentState.Released, await Portal.WithDbAsync(db => db.Assignments.Where(a => a.Id == taskId).Select(a => a.State).FirstAsync()));
        var entry = Assert.Single(await EntriesAsync(AuditActions.UserDeactivated, worker));
        Assert.Equal(admin, entry.ActorId);
        Assert.Equal($"{email}: 1 live task(s) returned to the pool", entry.Details);
        Assert.True(Assert.Single(await Users.ListAsync(), u => u.Id == worker).Deactivated);
    }

    [Fact]
    public async Task SignIn_DeactivatedAccount_IsRefusedWithAClearMessageOnlyToWhoKnowsThePassword()
    {
        var (admin, worker, email, _, _) = await SetUpAsync();
        await Users.DeactivateAsync(worker, admin);

        var right = await SignInForm.PostAsync(SignInForm.CookieClient(Portal), email, Password);
        var wrong = await SignInForm.PostAsync(SignInForm.CookieClient(Portal), email, "Wrong-pass1");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(AccountStatus.DeactivatedMessage, await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("deactivated", await wrong.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var failures = await Portal.Get<AuditLog>().ListAsync(new AuditFilter(AuditActions.SignInFailed, email));
        Assert.Contains(failures, f => f.Details == "deactivated");
    }

    [Fact]
    public async Task Deactivate_OpenSession_LosesAccessAtTheNextValidation()
    {
        var (admin, worker, email, _, _) = await SetUpAsync();
        var session = SignInForm.CookieClient(Portal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(session, email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/work/jobs")).StatusCode);

        await Users.DeactivateAsync(worker, admin);
        fixture.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/work/jobs")).StatusCode);
    }

    [Fact]
    public async Task Reactivate_DeactivatedAccount_SignsInAgainAndIsAudited()
    {
        var (admin, worker, email, _, _) = await SetUpAsync();
        await Users.DeactivateAsync(worker, admin);

        Assert.Empty(await Users.ReactivateAsync(worker, admin));

        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(SignInForm.CookieClient(Portal), email, Password)).StatusCode);
        Assert.Equal(admin, Assert.Single(await EntriesAsync(AuditActions.UserReactivated, worker)).ActorId);
        Assert.False(Assert.Single(await Users.ListAsync(), u => u.Id == worker).Deactivated);
    }

    [Fact]
    public async Task Deactivate_OwnAccount_IsRefused()
    {
        var admin = await Portal.CreateUserAsync($"adm-{Guid.NewGuid():N}@deact.test", Roles.Admin);

        var errors = await Users.DeactivateAsync(admin, admin);

        Assert.Equal("You cannot deactivate your own account.", Assert.Single(errors).Message);
        Assert.Empty(await EntriesAsync(AuditActions.UserDeactivated, admin));
    }

    [Fact]
    public async Task Activity_AfterSignInAndASubmit_ShowsOnUsersAndTeams()
    {
        var (_, worker, email, team, job) = await SetUpAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(SignInForm.CookieClient(Portal), email, Password)).StatusCode);
        var client = Portal.ClientFor(worker);
        var task = await (await client.PostAsync($"/api/jobs/{job}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();
        await client.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { labels = new[] { "neutral" } });
        var now = fixture.Time.GetUtcNow();

        var user = Assert.Single(await Users.ListAsync(), u => u.Id == worker);
        var member = Assert.Single((await Portal.Get<WorkforceService>().ListTeamsAsync()).Single(t => t.Id == team).Members);

        Assert.Equal(new MemberActivity(now, 1, now), user.Activity);
        Assert.Equal(new MemberActivity(now, 1, now), member.Activity);
    }
}
