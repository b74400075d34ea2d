using GroundTruth.Portal.Features.Crowd;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>The admin's Work teams page names each team's kind: private teams to manage, then vendor teams and the public crowd.</summary>
public sealed class TeamsPageTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private readonly PortalFactory _portal = new(useKestrel: true);

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task TeamsPage_PrivateVendorAndPublicTeams_ShowTheirOwnKind()
    {
        // Arrange
        browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        var worker = await _portal.CreateUserAsync("kind.worker@e2e.test", Roles.PrivateWorker);
        await _portal.CreateTeamAsync("in-house", worker);
        await Vendors.CreateAsync(_portal, "acme-labeling");
        await _portal.Get<PublicCrowdService>().EnsureTeamAsync();

        // Act
        var page = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, "admin@e2e.test", "Test-pass1");
        await page.GotoAsync("/admin/teams");
        await PortalPages.WaitInteractiveAsync(page);

        // Assert
        await Expect(page.GetByTestId("team").GetByTestId("team-kind")).ToHaveTextAsync("private");
        var elsewhere = page.GetByTestId("team-elsewhere");
        await Expect(elsewhere.Filter(new() { HasText = "acme-labeling" }).GetByTestId("team-kind")).ToHaveTextAsync("vendor");
        await Expect(elsewhere.Filter(new() { HasText = "Vendor companies" })).ToHaveCountAsync(1);
        await Expect(elsewhere.Filter(new() { HasText = "register for the public crowd" }).GetByTestId("team-kind")).ToHaveTextAsync("public crowd");
        await Browser.ScreenshotAsync(page, "admin-teams-kinds");
    }
}
