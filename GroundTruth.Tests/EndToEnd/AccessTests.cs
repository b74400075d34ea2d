using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using GroundTruth.Tests.TestSupport.Fakes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>Single sign-on in a real browser, and the admin's view of member activity and deactivation.</summary>
public sealed class AccessTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private readonly FakeOidcProvider _provider = new();
    private PortalFactory _portal = null!;

    public async ValueTask InitializeAsync()
    {
        await _provider.StartAsync();
        _portal = new PortalFactory(useKestrel: true, settings: new Dictionary<string, string?>
        {
            ["GroundTruth:Oidc:Authority"] = _provider.Authority,
            ["GroundTruth:Oidc:ClientId"] = FakeOidcProvider.ClientId,
            ["GroundTruth:Oidc:ClientSecret"] = FakeOidcProvider.ClientSecret,
            ["GroundTruth:Oidc:DisplayName"] = "Acme SSO",
            ["GroundTruth:Oidc:Team"] = "annotators",
            ["GroundTruth:Oidc:RequireHttpsMetadata"] = "false",
        });
        await _portal.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _provider.DisposeAsync();
    }

    /// <remarks>
    /// The provider's edge cases (roles, second sign-in, takeover, deactivated) are covered over HTTP by
    /// <c>SingleSignOnTests</c>; here a person clicks the button and comes back signed in.
    /// </remarks>
    [Fact]
    public async Task LoginPage_ProviderConfigured_ClickingItsButtonSignsInAsANewPrivateWorker()
    {
        browser.RequireOrSkip();
        await _portal.CreateUserAsync("boss@e2e.test", Roles.Admin);
        _provider.NextUser = new FakeOidcUser("sub-browser", "sso-worker@idp.test", "Sso Worker");
        var page = await browser.NewPageAsync(_portal.ServerAddress);
        await page.GotoAsync("/Account/Login");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "login-single-sign-on");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Acme SSO" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/work", new() { Timeout = 30_000 });
        await Expect(page.GetByText("sso-worker@idp.test")).ToBeVisibleAsync();
        var user = Assert.Single(await _portal.Get<GroundTruth.Portal.Features.Admin.UserAdminService>().ListAsync(), u => u.Email == "sso-worker@idp.test");
        Assert.Equal([Roles.PrivateWorker], user.Roles);
    }

    [Fact]
    public async Task UsersPage_AdminDeactivatesAWorker_ShowsActivityAndTheNewStatus()
    {
        browser.RequireOrSkip();
        await _portal.CreateUserAsync("boss@e2e.test", Roles.Admin);
        var requester = await _portal.CreateUserAsync("req@e2e.test", Roles.Requester);
        var busy = await _portal.CreateUserAsync("busy.worker@e2e.test", Roles.PrivateWorker);
        await _portal.CreateUserAsync("idle.worker@e2e.test", Roles.PrivateWorker);
        var team = await _portal.CreateTeamAsync("annotators", busy);
        var job = await _portal.CreateJobAsync(Specs.Text(team, name: "busy-work"), Specs.TextManifest(3), requester);
        var labeling = _portal.Get<LabelingService>();
        await labeling.SubmitAsync((await labeling.ClaimNextAsync(job, busy))!.Value, busy, ["neutral"]);
        await labeling.ClaimNextAsync(job, busy);
        var worker = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(worker, "busy.worker@e2e.test", "Test-pass1");
        var admin = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(admin, "boss@e2e.test", "Test-pass1");

        await admin.GotoAsync("/admin/users");
        await PortalPages.WaitInteractiveAsync(admin);
        var row = admin.GetByTestId("users-table").Locator("tbody tr").Filter(new() { HasText = "busy.worker@e2e.test" });
        await Expect(row.GetByTestId("user-tasks")).ToHaveTextAsync("1");
        await Expect(row.GetByTestId("user-last-sign-in")).ToHaveTextAsync("just now");
        await Browser.ScreenshotAsync(admin, "admin-users-activity");
        await row.GetByTestId("deactivate").ClickAsync();
        await Browser.ScreenshotAsync(admin, "admin-users-deactivate-confirm");
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();

        await Expect(row.GetByTestId("user-deactivated")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("reactivate")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(admin, "admin-users-deactivated");
        await admin.GotoAsync("/admin/teams");
        await Expect(admin.GetByTestId("team-member").Filter(new() { HasText = "busy.worker@e2e.test" })).ToContainTextAsync("deactivated");
        await Browser.ScreenshotAsync(admin, "admin-team-activity");
        var again = await browser.NewPageAsync(_portal.ServerAddress);
        await again.GotoAsync("/Account/Login");
        await again.Locator("#Input\\.Email").FillAsync("busy.worker@e2e.test");
        await again.Locator("#Input\\.Password").FillAsync("Test-pass1");
        await again.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(again.Locator("body")).ToContainTextAsync("This account has been deactivated");
        await Browser.ScreenshotAsync(again, "login-deactivated");
    }
}
