using GroundTruth.Portal.Features.Demo;
using GroundTruth.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// The set-up page's demo option, then every page as the person who uses it, checking what each shows (and saving
/// a screenshot of each for people to look at).
/// </summary>
public sealed class DemoTourTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private readonly PortalFactory _portal = new(useKestrel: true);

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task SetupWithDemo_EveryRoleSeesItsPages()
    {
        // Set-up with the demo box ticked.
        browser.RequireOrSkip();
        var admin = await browser.NewPageAsync(_portal.ServerAddress);
        await admin.GotoAsync("/jobs");
        await Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/setup$"));
        await admin.Locator("#setup-email").FillAsync("owner@e2e.test");
        await admin.Locator("#setup-password").FillAsync("Owner-pass1");
        await admin.Locator("#setup-confirm").FillAsync("Owner-pass2");
        await admin.Locator("#setup-submit").ClickAsync();
        await Expect(admin.Locator(".gt-error, .validation-message")).ToContainTextAsync("The passwords do not match.");
        await Browser.ScreenshotAsync(admin, "setup-error");
        await admin.Locator("#setup-password").FillAsync("Owner-pass1");
        await admin.Locator("#setup-confirm").FillAsync("Owner-pass1");
        await admin.Locator("#setup-demo").CheckAsync();
        await admin.Locator("#setup-submit").ClickAsync();
        await Expect(admin.GetByTestId("signed-in-as")).ToHaveTextAsync("owner@e2e.test");

        // Admin: users and teams.
        await admin.GotoAsync("/admin/users");
        await PortalPages.WaitInteractiveAsync(admin);
        await Expect(admin.GetByTestId("users-table").Locator("tbody tr")).ToHaveCountAsync(DemoSeeder.Accounts.Length + 1);
        await Browser.ScreenshotAsync(admin, "admin-users");
        await admin.GotoAsync("/admin/teams");
        await Expect(admin.GetByTestId("team")).ToContainTextAsync("demo-labelers");
        await Expect(admin.GetByTestId("team-member")).ToHaveCountAsync(3);

        // Requester: job list, job details of both demo jobs, the create form.
        var requester = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(requester, "requester@demo.local", DemoSeeder.Password);
        await Expect(requester).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/jobs$"));
        await Expect(requester.GetByTestId("jobs-table").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(requester.GetByTestId("jobs-table")).ToContainTextAsync("InProgress");
        await Browser.ScreenshotAsync(requester, "jobs");
        await requester.GetByRole(AriaRole.Link, new() { Name = "demo-shapes" }).ClickAsync();
        await Expect(requester.GetByTestId("objects-table").Locator("tbody tr")).ToHaveCountAsync(12);
        await Expect(requester.GetByTestId("job-progress-text")).ToHaveTextAsync("0%");
        await Browser.ScreenshotAsync(requester, "job-details-in-progress");
        await requester.GotoAsync("/jobs/new");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.Locator("#job-name").FillAsync("demo-shapes");
        await requester.Locator("#job-attribute").FillAsync("label-ref");
        await requester.Locator("#job-labels").FillAsync("only-one");
        await requester.Locator("#job-labels").BlurAsync();
        await Expect(requester.Locator(".mud-input-error")).ToContainTextAsync(["A job named 'demo-shapes' already exists.", "must not end in '-ref'", "Enter at least 2 labels"]);
        await Browser.ScreenshotAsync(requester, "create-job-errors");

        // A worker: the task queue, a task with instructions, the full-instructions dialog.
        var worker = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(worker, "worker1@demo.local", DemoSeeder.Password);
        await Expect(worker).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/work$"));
        await Expect(worker.GetByTestId("available-job")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(worker, "worker-home");
        await PortalPages.WaitInteractiveAsync(worker);
        await worker.GetByTestId("start-working").First.ClickAsync();
        await Expect(worker.GetByTestId("short-instructions")).ToContainTextAsync("Choose the shape");
        await worker.GetByTestId("full-instructions-button").ClickAsync();
        await Expect(worker.GetByTestId("full-instructions")).ToContainTextAsync("cut off at the edge");
        await Browser.ScreenshotAsync(worker, "task-full-instructions");

        // A vendor worker is in no team yet, so sees no task; anonymous visitors are sent to sign in.
        var vendor = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(vendor, "vendor-worker@demo.local", DemoSeeder.Password);
        await Expect(vendor.GetByTestId("no-tasks")).ToBeVisibleAsync();
        var anonymous = await browser.NewPageAsync(_portal.ServerAddress);
        await anonymous.GotoAsync("/jobs");
        await Expect(anonymous).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await Browser.ScreenshotAsync(anonymous, "sign-in");
    }
}
