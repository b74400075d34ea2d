using System.Net;
using GroundTruth.Core.Audit;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Audit;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Fakes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Features.SingleSignOn;

/// <summary>A portal whose <c>GroundTruth:Oidc</c> points at an OpenID Connect provider hosted by the test.</summary>
public sealed class OidcPortalFixture : IAsyncLifetime
{
    public const string TeamName = "SSO team";

    public FakeOidcProvider Provider { get; } = new();

    public PortalFactory Portal { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Provider.StartAsync();
        Portal = new PortalFactory(settings: new Dictionary<string, string?>
        {
            ["GroundTruth:Oidc:Authority"] = Provider.Authority,
            ["GroundTruth:Oidc:ClientId"] = FakeOidcProvider.ClientId,
            ["GroundTruth:Oidc:ClientSecret"] = FakeOidcProvider.ClientSecret,
            ["GroundTruth:Oidc:DisplayName"] = "Acme SSO",
            ["GroundTruth:Oidc:RoleClaim"] = "groups",
            ["GroundTruth:Oidc:Team"] = TeamName,
            ["GroundTruth:Oidc:RequireHttpsMetadata"] = "false",
        });
        await Portal.InitializeAsync();
        // An admin exists, so the first-run set-up page does not stand in front of sign-in.
        await Portal.CreateUserAsync($"first-admin-{Guid.NewGuid():N}@idp.test", Roles.Admin);
        await Portal.CreateTeamAsync(TeamName);
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>Sign-in through the configured OpenID Connect provider, end to end over HTTP (code flow with PKCE).</summary>
public sealed class SingleSignOnTests(OidcPortalFixture fixture) : IClassFixture<OidcPortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    /// <summary>Clicks "Sign in with Acme SSO", lets the provider sign <paramref name="user"/> in, and follows the redirects back.</summary>
    private async Task<(CookieJar Jar, HttpClient Client, HttpResponseMessage Last)> SignInThroughProviderAsync(FakeOidcUser user)
    {
        fixture.Provider.NextUser = user;
        var client = Portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var jar = new CookieJar();
        var login = await (await jar.SendAsync(client, HttpMethod.Get, "/Account/Login")).Content.ReadAsStringAsync();
        Assert.Contains("Sign in with Acme SSO", login, StringComparison.Ordinal);

        var challenge = await jar.SendAsync(client, HttpMethod.Post, "/Account/PerformExternalLogin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignInForm.AntiforgeryToken(login),
            ["provider"] = "oidc",
            ["ReturnUrl"] = "/work",
        }));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var callback = (await provider.GetAsync(challenge.Headers.Location)).Headers.Location!;
        var response = await jar.SendAsync(client, HttpMethod.Get, callback.PathAndQuery);
        while (response.StatusCode == HttpStatusCode.Redirect && PathOf(response) is var next && next != "/work" && !next.StartsWith("/Account/Login", StringComparison.Ordinal))
        {
            response = await jar.SendAsync(client, HttpMethod.Get, next);
        }

        return (jar, client, response);
    }

    /// <summary>Where a redirect points, as a path on the portal (the account pages answer with absolute or relative addresses).</summary>
    private static string PathOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : "/" + location.OriginalString.TrimStart('/');
    }

    [Fact]
    public async Task Challenge_CarriesTheConfiguredClientAndCallback()
    {
        await SignInThroughProviderAsync(new FakeOidcUser("sub-challenge", $"c-{Guid.NewGuid():N}@idp.test", "C"));

        var query = fixture.Provider.LastAuthorize!;
        Assert.Equal(FakeOidcProvider.ClientId, query["client_id"]);
        Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
    }

    [Fact]
    public async Task FirstSignIn_NewUser_CreatesAnAuditedPrivateWorkerInTheTeamAndSignsIn()
    {
        var email = $"new-{Guid.NewGuid():N}@idp.test";

        var (jar, client, last) = await SignInThroughProviderAsync(new FakeOidcUser($"sub-{Guid.NewGuid():N}", email, "New Worker"));

        Assert.Equal("/work", PathOf(last));
        Assert.Equal(HttpStatusCode.OK, (await jar.SendAsync(client, HttpMethod.Get, "/api/work/jobs")).StatusCode);
        var user = Assert.Single(await Portal.Get<UserAdminService>().ListAsync(), u => u.Email == email);
        Assert.Equal([Roles.PrivateWorker], user.Roles);
        Assert.Equal("New Worker", user.DisplayName);
        var team = Assert.Single(await Portal.Get<WorkforceService>().ListTeamsAsync(), t => t.Name == OidcPortalFixture.TeamName);
        Assert.Contains(team.Members, m => m.UserId == user.Id);
        var created = Assert.Single(await Portal.Get<AuditLog>().ListAsync(new AuditFilter(AuditActions.UserCreated)), e => e.Target == user.Id);
        Assert.Contains("first sign-in through Acme SSO", created.Details, StringComparison.Ordinal);
        Assert.Contains(await Portal.Get<AuditLog>().ListAsync(new AuditFilter(AuditActions.SignIn)), e => e.ActorId == user.Id);
    }

    [Fact]
    public async Task SecondSignIn_SameSubject_SignsIntoTheSameAccount()
    {
        var person = new FakeOidcUser($"sub-{Guid.NewGuid():N}", $"again-{Guid.NewGuid():N}@idp.test", "Again");
        await SignInThroughProviderAsync(person);

        var (jar, client, last) = await SignInThroughProviderAsync(person);

        Assert.Equal("/work", PathOf(last));
        Assert.Equal(HttpStatusCode.OK, (await jar.SendAsync(client, HttpMethod.Get, "/api/work/jobs")).StatusCode);
        Assert.Equal(1, await Portal.WithDbAsync(db => db.Users.CountAsync(u => u.Email == person.Email)));
    }

    [Fact]
    public async Task FirstSignIn_GroupsNameARole_GetsThatRoleButNeverAdmin()
    {
        var email = $"req-{Guid.NewGuid():N}@idp.test";

        await SignInThroughProviderAsync(new FakeOidcUser($"sub-{Guid.NewGuid():N}", email, "R", ["requester", "Admin", "staff"]));

        Assert.Equal([Roles.Requester], Assert.Single(await Portal.Get<UserAdminService>().ListAsync(), u => u.Email == email).Roles);
    }

    [Fact]
    public async Task FirstSignIn_EmailOfALocalAccount_IsRefusedNotTakenOver()
    {
        var email = $"local-{Guid.NewGuid():N}@idp.test";
        await Portal.CreateUserAsync(email, Roles.Requester);

        var (_, _, last) = await SignInThroughProviderAsync(new FakeOidcUser($"sub-{Guid.NewGuid():N}", email, "Impostor"));

        Assert.StartsWith("/Account/Login", PathOf(last), StringComparison.Ordinal);
        Assert.Empty(await Portal.WithDbAsync(db => db.UserLogins.Where(l => l.ProviderDisplayName == "Acme SSO" && db.Users.Any(u => u.Id == l.UserId && u.Email == email)).ToListAsync()));
    }

    [Fact]
    public async Task SignIn_DeactivatedAccount_IsRefused()
    {
        var person = new FakeOidcUser($"sub-{Guid.NewGuid():N}", $"gone-{Guid.NewGuid():N}@idp.test", "Gone");
        await SignInThroughProviderAsync(person);
        var admin = await Portal.CreateUserAsync($"adm-{Guid.NewGuid():N}@idp.test", Roles.Admin);
        var userId = Assert.Single(await Portal.Get<UserAdminService>().ListAsync(), u => u.Email == person.Email).Id;
        await Portal.Get<UserAdminService>().DeactivateAsync(userId, admin);

        var (jar, client, last) = await SignInThroughProviderAsync(person);

        Assert.StartsWith("/Account/Login", PathOf(last), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await jar.SendAsync(client, HttpMethod.Get, "/api/work/jobs")).StatusCode);
        Assert.Contains(await Portal.Get<AuditLog>().ListAsync(new AuditFilter(AuditActions.SignInFailed)), e => e.Target == userId && e.Details.StartsWith("deactivated", StringComparison.Ordinal));
    }
}
