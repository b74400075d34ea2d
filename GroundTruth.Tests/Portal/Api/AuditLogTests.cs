using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using GroundTruth.Core.Audit;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Audit;
using Vendors = GroundTruth.Portal.Features.Vendors;
using Builders = GroundTruth.Tests.TestSupport.Builders;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>Each audited action leaves an entry with who, what and when.</summary>
public sealed class AuditLogTests(SqlitePortalFixture fixture) : IClassFixture<SqlitePortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    private Task<IReadOnlyList<AuditEntry>> EntriesAsync(string action, string target) =>
        Portal.Get<AuditLog>().ListAsync(new AuditFilter(action)).ContinueWith(t => (IReadOnlyList<AuditEntry>)[.. t.Result.Where(e => e.Target == target)]);

    [Fact]
    public async Task AdminActions_UsersRolesAndTeams_AreAudited()
    {
        var admin = await Portal.CreateUserAsync($"adm-{Guid.NewGuid():N}@audit.test", Roles.Admin);
        var users = Portal.Get<UserAdminService>();
        var (worker, _) = await users.CreateAsync($"w-{Guid.NewGuid():N}@audit.test", "W", "Test-pass1", [Roles.PrivateWorker], admin);
        await users.SetRolesAsync(worker!, [Roles.PrivateWorker, Roles.Requester], admin);
        var (team, _) = await Portal.Get<WorkforceService>().CreateTeamAsync(Specs.UniqueName("audited"), "", [worker!], admin);
        await Portal.Get<WorkforceService>().RemoveMemberAsync(team!.Value, worker!, admin);

        var created = Assert.Single(await EntriesAsync(AuditActions.UserCreated, worker!));
        var roles = Assert.Single(await EntriesAsync(AuditActions.RolesChanged, worker!));
        var teamCreated = Assert.Single(await EntriesAsync(AuditActions.TeamCreated, team.Value.ToString()));
        var removed = Assert.Single(await EntriesAsync(AuditActions.TeamMembersChanged, team.Value.ToString()));
        Assert.All(new[] { created, roles, teamCreated, removed }, e => Assert.Equal(admin, e.ActorId));
        Assert.Equal("PrivateWorker -> PrivateWorker, Requester", roles.Details[(roles.Details.IndexOf(':', StringComparison.Ordinal) + 2)..]);
        Assert.Equal($"removed {worker}", removed.Details);
        Assert.Equal(fixture.Time.GetUtcNow(), created.At);
    }

    [Fact]
    public async Task TeamMembers_ChangeFailsOrChangesNothing_IsNotAuditedAndARealChangeIs()
    {
        // Arrange
        var admin = await Portal.CreateUserAsync($"adm-{Guid.NewGuid():N}@audit.test", Roles.Admin);
        var worker = await Portal.CreateUserAsync($"w-{Guid.NewGuid():N}@audit.test", Roles.PrivateWorker);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("audited"));
        var missingTeam = Guid.NewGuid();
        var workforce = Portal.Get<WorkforceService>();

        // Act
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => workforce.AddMemberAsync(missingTeam, worker, admin));
        await workforce.RemoveMemberAsync(team, worker, admin);
        var beforeAdding = await EntriesAsync(AuditActions.TeamMembersChanged, team.ToString());
        await workforce.AddMemberAsync(team, worker, admin);
        await workforce.AddMemberAsync(team, worker, admin);

        // Assert
        Assert.Empty(await EntriesAsync(AuditActions.TeamMembersChanged, missingTeam.ToString()));
        Assert.Empty(beforeAdding);
        Assert.Equal($"added {worker}", Assert.Single(await EntriesAsync(AuditActions.TeamMembersChanged, team.ToString())).Details);
    }

    [Fact]
    public async Task RequesterAndWorkerActions_JobsDownloadsAndViews_AreAudited()
    {
        var requester = await Portal.CreateUserAsync($"r-{Guid.NewGuid():N}@audit.test", Roles.Requester);
        var worker = await Portal.CreateUserAsync($"w-{Guid.NewGuid():N}@audit.test", Roles.PrivateWorker);
        var team = await Portal.CreateTeamAsync(Specs.UniqueName("audited"), worker);
        var job = await Portal.CreateJobAsync(Specs.Text(team), Specs.TextManifest(2), requester);
        var task = await (await Portal.ClientFor(worker).PostAsync($"/api/jobs/{job}/tasks/claim", null)).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        var objectId = task!["dataObjectId"]!.GetValue<long>();

        Assert.Equal(HttpStatusCode.OK, (await Portal.ClientFor(worker).GetAsync(task["contentUrl"]!.GetValue<string>())).StatusCode);
        await Portal.ClientFor(requester).GetStringAsync($"/api/jobs/{job}/output-manifest");
        await Portal.ClientFor(requester).GetByteArrayAsync($"/api/jobs/{job}/worker-responses");
        await Portal.ClientFor(requester).PostAsync($"/api/jobs/{job}/stop", null);

        Assert.Equal(requester, Assert.Single(await EntriesAsync(AuditActions.JobCreated, job.ToString())).ActorId);
        Assert.Equal(requester, Assert.Single(await EntriesAsync(AuditActions.JobStopped, job.ToString())).ActorId);
        var downloads = await EntriesAsync(AuditActions.DataDownloaded, job.ToString());
        Assert.Equal(["output manifest", "worker responses"], downloads.Select(d => d.Details).Order());
        var view = Assert.Single(await EntriesAsync(AuditActions.DataObjectViewed, objectId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(worker, view.ActorId);
    }

    [Fact]
    public async Task VendorActions_CreatePublishChangeSubscribe_AreAudited()
    {
        // Arrange
        var admin = await Portal.CreateUserAsync($"adm-{Guid.NewGuid():N}@audit.test", Roles.Admin);
        var requester = await Portal.CreateUserAsync($"r-{Guid.NewGuid():N}@audit.test", Roles.Requester);
        var vendors = Portal.Get<Vendors.VendorService>();
        var marketplace = Portal.Get<GroundTruth.Portal.Features.Marketplace.MarketplaceService>();
        var name = Specs.UniqueName("audited-vendor");

        // Act: an admin creates the company, its vendor admin accepts, publishes, then changes the price; a requester subscribes and leaves.
        var (created, _) = await vendors.CreateAsync(name, $"va-{Guid.NewGuid():N}@audit.test", admin);
        var (vendorAdmin, _, _) = await Portal.Get<GroundTruth.Portal.Features.Invitations.InvitationService>()
            .AcceptAsync(created!.AdminInvitation.Path["/invite/".Length..], "Vendor Admin", "Test-pass1");
        await vendors.SaveListingAsync(vendorAdmin!, Builders.Vendors.Listing(0.10m));
        await vendors.SaveListingAsync(vendorAdmin!, Builders.Vendors.Listing(0.12m));
        await marketplace.SubscribeAsync(created.VendorId, requester);
        await marketplace.UnsubscribeAsync(created.VendorId, requester);

        // Assert
        var target = created.VendorId.ToString();
        var vendorCreated = Assert.Single(await EntriesAsync(AuditActions.VendorCreated, target));
        Assert.Equal((admin, name), (vendorCreated.ActorId, vendorCreated.Details));
        var changes = await EntriesAsync(AuditActions.ListingChanged, target);
        Assert.Equal(2, changes.Count);
        Assert.All(changes, e => Assert.Equal(vendorAdmin, e.ActorId));
        Assert.Contains("0.12 USD per object", changes[0].Details, StringComparison.Ordinal);
        var published = Assert.Single(await EntriesAsync(AuditActions.ListingPublished, target));
        Assert.Equal("published", published.Details);
        Assert.Equal(requester, Assert.Single(await EntriesAsync(AuditActions.VendorSubscribed, target)).ActorId);
        Assert.Equal(requester, Assert.Single(await EntriesAsync(AuditActions.VendorUnsubscribed, target)).ActorId);
    }

    [Fact]
    public async Task SignIn_SuccessAndFailure_AreAuditedWithTheNameTyped()
    {
        var email = $"signin-{Guid.NewGuid():N}@audit.test";
        var userId = await Portal.CreateUserAsync(email, Roles.Requester);
        await Portal.CreateUserAsync($"adm-{Guid.NewGuid():N}@audit.test", Roles.Admin);

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email, "wrong-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(email, "Test-pass1")).StatusCode);

        var failed = (await Portal.Get<AuditLog>().ListAsync(new AuditFilter(AuditActions.SignInFailed, email))).Single();
        Assert.Equal("wrong e-mail or password", failed.Details);
        Assert.Null(failed.ActorId);
        var succeeded = Assert.Single(await EntriesAsync(AuditActions.SignIn, userId));
        Assert.Equal(email, succeeded.ActorName);
    }

    /// <summary>Posts the real sign-in form (static SSR) with its antiforgery token, as a browser does.</summary>
    private async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var client = Portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/Account/Login");
        var token = Regex.Match(form, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }
}
