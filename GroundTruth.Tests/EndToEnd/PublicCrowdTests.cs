using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// The public crowd from end to end: a requester sends a job to the public crowd with a price per task and the
/// no-personal-data confirmation; a person registers through the Register page, lands in the public crowd, labels
/// the job and sees their earnings.
/// </summary>
public sealed class PublicCrowdTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private readonly PortalFactory _portal = new(useKestrel: true);

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task PublicCrowd_RequesterConfirmsNoPersonalDataAndPublicWorkerRegistersAndLabels_EarningsAndJobPageShowIt()
    {
        // Arrange: the requester fills the job form for the public crowd; the form refuses it until price and confirmation are given.
        browser.RequireOrSkip();
        await _portal.CreateUserAsync("boss@e2e.test", Roles.Admin);
        await _portal.CreateUserAsync("req@e2e.test", Roles.Requester);
        var manifestPath = Path.Combine(_portal.DataFolder, "crowd.manifest");
        await File.WriteAllTextAsync(manifestPath, Specs.TextManifest(2));
        var requester = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(requester, "req@e2e.test", Password);
        await requester.GotoAsync("/jobs/new");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.Locator("#job-name").FillAsync("crowd-reviews");
        await requester.Locator("#job-attribute").FillAsync("sentiment");
        await PortalPages.ChooseAsync(requester, "job-task-type", "Text classification (single label)");
        await requester.Locator("#job-labels").FillAsync("positive\nnegative");
        await PortalPages.ChooseAsync(requester, "job-team", PublicCrowd.TeamName);
        await requester.Locator("#job-workers").FillAsync("1");
        await PortalPages.ChooseFileAsync(requester, "manifest", manifestPath);
        await requester.GetByTestId("create-job").ClickAsync();
        await Expect(requester.GetByTestId("confirmation-error")).ToContainTextAsync("Confirm that the data contains no personal or confidential information");
        await Expect(requester.GetByTestId("public-crowd-terms")).ToContainTextAsync("Set the price per task the public crowd is paid.");
        await Browser.ScreenshotAsync(requester, "create-job-public-refused");
        Assert.Equal(0, await _portal.WithDbAsync(db => db.Jobs.CountAsync()));
        await requester.Locator("#job-price-per-task").FillAsync("0.05");
        await requester.GetByText("I confirm that this data contains no personal or confidential information.").ClickAsync();
        await Browser.ScreenshotAsync(requester, "create-job-public");
        await requester.GetByTestId("create-job").ClickAsync();
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("InProgress");
        await Expect(requester.GetByTestId("pii-confirmation")).ToContainTextAsync("Requester confirmed the data contains no personal or confidential information on");
        await Expect(requester.GetByTestId("job-price")).ToHaveTextAsync("0.05 USD");
        await Browser.ScreenshotAsync(requester, "job-details-public");

        // Act: someone registers as a public worker and labels both texts.
        var worker = await browser.NewPageAsync(_portal.ServerAddress);
        await worker.GotoAsync("/Account/Login");
        await worker.GetByText("Register as a new public worker").ClickAsync();
        await Expect(worker.Locator("h1")).ToHaveTextAsync("Register as a public worker");
        await worker.Locator("#Input\\.Email").FillAsync("crowd@e2e.test");
        await worker.Locator("#Input\\.Password").FillAsync("Crowd-pass1");
        await worker.Locator("#Input\\.ConfirmPassword").FillAsync("Crowd-pass1");
        await Browser.ScreenshotAsync(worker, "register");
        await worker.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Expect(worker.GetByTestId("signed-in-as")).ToHaveTextAsync("crowd@e2e.test");
        await Expect(worker.GetByTestId("available-job")).ToContainTextAsync("crowd-reviews");
        await PortalPages.WaitInteractiveAsync(worker);
        await worker.GetByTestId("start-working").ClickAsync();
        for (var n = 0; n < 2; n++)
        {
            await Expect(worker.GetByTestId("task-text")).ToContainTextAsync("text number");
            var taskId = await worker.GetByTestId("task-id").TextContentAsync();
            await Expect(worker.GetByTestId("task-root")).ToBeFocusedAsync(new() { Timeout = 15_000 });
            await worker.Keyboard.PressAsync("2");
            await worker.Keyboard.PressAsync("Enter");
            await worker.WaitForFunctionAsync(
                "prev => document.querySelector('[data-testid=no-more-tasks]') || (document.querySelector('[data-testid=task-id]')?.textContent ?? prev) !== prev", taskId);
        }

        // Assert: the earnings page lists both tasks at 0.05, the job completed, and the database agrees.
        await worker.GetByRole(AriaRole.Link, new() { Name = "My earnings" }).ClickAsync();
        await Expect(worker.GetByTestId("earnings-total")).ToHaveTextAsync("0.10 USD");
        await Expect(worker.GetByTestId("earnings-count")).ToHaveTextAsync("2");
        await Expect(worker.GetByTestId("earnings")).ToContainTextAsync("crowd-reviews");
        await Browser.ScreenshotAsync(worker, "earnings");
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        var job = await _portal.WithDbAsync(db => db.Jobs.SingleAsync(j => j.Name == "crowd-reviews"));
        Assert.Equal((0.05m, "USD"), (job.PricePerTask, job.Currency));
        Assert.NotNull(job.NoPersonalDataConfirmedAt);
        var (userId, teamKind) = await _portal.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.Email == "crowd@e2e.test").Select(u => u.Id).SingleAsync();
            var kind = await db.WorkTeamMembers.Where(m => m.UserId == id).Join(db.WorkTeams, m => m.WorkTeamId, t => t.Id, (m, t) => t.Kind).SingleAsync();
            return (id, kind);
        });
        Assert.Equal(WorkforceKind.Public, teamKind);
        Assert.Equal(job.WorkTeamId, await _portal.WithDbAsync(db => db.WorkTeams.Where(t => t.Kind == WorkforceKind.Public).Select(t => t.Id).SingleAsync()));
        Assert.Equal(2, await _portal.WithDbAsync(db => db.Responses.CountAsync(r => r.WorkerId == userId && r.JobId == job.Id)));
        Assert.True(await _portal.WithDbAsync(db => db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .AnyAsync(x => x.UserId == userId && x.Name == Roles.PublicWorker)));
    }
}
