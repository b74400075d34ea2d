using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>An admin invites a private worker by e-mail; the worker accepts through the link and labels.</summary>
public sealed class InvitationTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private readonly PortalFactory _portal = new(useKestrel: true);

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task Invite_WorkerAcceptsLink_LandsInPortalAndLabels()
    {
        // Arrange: an admin, a team with a job waiting for workers.
        browser.RequireOrSkip();
        await _portal.CreateUserAsync("boss@e2e.test", Roles.Admin);
        var requester = await _portal.CreateUserAsync("req@e2e.test", Roles.Requester);
        var team = await _portal.CreateTeamAsync("invitees");
        await _portal.CreateJobAsync(Specs.Text(team, workers: 1, name: "invited-work"), Specs.TextManifest(2), requester);
        var admin = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(admin, "boss@e2e.test", "Test-pass1");

        // Act: invite, then open the link in a fresh browser as the invitee.
        await admin.GotoAsync("/admin/teams");
        await PortalPages.WaitInteractiveAsync(admin);
        await admin.Locator("#invite-email-invitees").FillAsync("newbie@e2e.test");
        await admin.GetByTestId("invite").ClickAsync();
        var link = await admin.GetByTestId("invite-link").TextContentAsync();
        await Browser.ScreenshotAsync(admin, "admin-invite");
        var invitee = await browser.NewPageAsync(_portal.ServerAddress);
        await invitee.GotoAsync(link!);
        await Expect(invitee.Locator("body")).ToContainTextAsync("invited as newbie@e2e.test to the work team invitees");
        await invitee.Locator("#invite-name").FillAsync("New Bie");
        await invitee.Locator("#invite-password").FillAsync("Newbie-pass1");
        await invitee.Locator("#invite-confirm").FillAsync("Newbie-pass1");
        await invitee.Locator("#invite-accept").ClickAsync();

        // Assert: signed in, in the worker portal, and can label; the link is spent.
        await Expect(invitee.GetByTestId("signed-in-as")).ToHaveTextAsync("newbie@e2e.test");
        await Expect(invitee.GetByTestId("available-job")).ToContainTextAsync("invited-work");
        await PortalPages.WaitInteractiveAsync(invitee);
        await invitee.GetByTestId("start-working").ClickAsync();
        await Expect(invitee.GetByTestId("task-text")).ToContainTextAsync("text number");
        // The task takes the keyboard focus itself once it is interactive; keys pressed before that go nowhere.
        await Expect(invitee.GetByTestId("task-root")).ToBeFocusedAsync(new() { Timeout = 15_000 });
        await invitee.Keyboard.PressAsync("2");
        await Expect(invitee.GetByTestId("label-choice").Nth(1)).ToHaveAttributeAsync("aria-pressed", "true");
        await invitee.Keyboard.PressAsync("Enter");
        await Expect(invitee.GetByTestId("task-id")).Not.ToHaveTextAsync("task 1", new() { Timeout = 15_000 });
        var again = await browser.NewPageAsync(_portal.ServerAddress);
        await again.GotoAsync(link!);
        await Expect(again.GetByTestId("invitation-invalid")).ToBeVisibleAsync();
        Assert.Equal(1, await _portal.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Responses)));
    }
}
