using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// The vendor workforce from end to end: an admin creates a vendor company, its vendor admin publishes a listing and
/// invites a worker, a requester subscribes and sends a job through the job form, the vendor worker labels it, and
/// the requester's billing page shows objects × price.
/// </summary>
public sealed class VendorMarketplaceTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private readonly PortalFactory _portal = new(useKestrel: true);

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task Marketplace_VendorPublishesRequesterSubscribesWorkerLabels_BillingShowsObjectsTimesPrice()
    {
        // Arrange: an admin creates the vendor company and its first vendor admin's invitation.
        browser.RequireOrSkip();
        await _portal.CreateUserAsync("boss@e2e.test", Roles.Admin);
        await _portal.CreateUserAsync("req@e2e.test", Roles.Requester);
        var admin = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(admin, "boss@e2e.test", Password);
        await admin.GotoAsync("/admin/vendors");
        await PortalPages.WaitInteractiveAsync(admin);
        await admin.Locator("#vendor-name").FillAsync("Acme Labeling");
        await admin.Locator("#vendor-admin-email").FillAsync("lead@acme.test");
        await admin.GetByTestId("create-vendor").ClickAsync();
        var adminLink = await admin.GetByTestId("vendor-admin-link").TextContentAsync();
        await Expect(admin.GetByTestId("vendor-name")).ToHaveTextAsync("Acme Labeling");
        await Browser.ScreenshotAsync(admin, "admin-vendors");

        // The vendor admin accepts, writes and publishes the listing, and invites a worker who accepts.
        var lead = await browser.NewPageAsync(_portal.ServerAddress);
        await lead.GotoAsync(adminLink!);
        await Expect(lead.Locator("body")).ToContainTextAsync("to administer the vendor company Acme Labeling");
        await lead.Locator("#invite-password").FillAsync(Password);
        await lead.Locator("#invite-confirm").FillAsync(Password);
        await lead.Locator("#invite-accept").ClickAsync();
        await Expect(lead.GetByTestId("vendor-title")).ToHaveTextAsync("Acme Labeling");
        await PortalPages.WaitInteractiveAsync(lead);
        await lead.Locator("#listing-description").FillAsync("Forty trained annotators; every object checked twice.");
        await PortalPages.ChooseAsync(lead, "listing-capabilities", "Text classification (single label)", "Image classification");
        // A multi-select stays open after picking; close it as a person does, by clicking outside it.
        if (await lead.Locator(".mud-popover-open").CountAsync() > 0)
        {
            await lead.Mouse.ClickAsync(700, 110);
        }

        await Expect(lead.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await lead.Locator("#listing-languages").FillAsync("English, German");
        await lead.Locator("#listing-price").FillAsync("0.25");
        await lead.Locator("#listing-attestations").FillAsync("ISO 27001\nSOC 2 Type II");
        await lead.GetByText("Published on the marketplace").ClickAsync();
        await lead.GetByTestId("save-listing").ClickAsync();
        await Expect(lead.GetByTestId("listing-state")).ToHaveTextAsync("Published");
        await Browser.ScreenshotAsync(lead, "vendor-listing");
        await lead.GotoAsync("/vendor/workers");
        await PortalPages.WaitInteractiveAsync(lead);
        await lead.Locator("#vendor-invite-email").FillAsync("labeler@acme.test");
        await lead.GetByTestId("vendor-invite").ClickAsync();
        var workerLink = await lead.GetByTestId("vendor-invite-link").TextContentAsync();
        var worker = await browser.NewPageAsync(_portal.ServerAddress);
        await worker.GotoAsync(workerLink!);
        await worker.Locator("#invite-password").FillAsync(Password);
        await worker.Locator("#invite-confirm").FillAsync(Password);
        await worker.Locator("#invite-accept").ClickAsync();
        await Expect(worker.GetByTestId("signed-in-as")).ToHaveTextAsync("labeler@acme.test");
        await lead.ReloadAsync();
        await Expect(lead.GetByTestId("vendor-worker")).ToContainTextAsync("labeler@acme.test");
        await Browser.ScreenshotAsync(lead, "vendor-workers");

        // Act: the requester finds the vendor, subscribes, and sends it a job through the form.
        var requester = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(requester, "req@e2e.test", Password);
        await requester.GotoAsync("/jobs/new");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.Locator("#job-team").Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        await Expect(requester.Locator(".mud-popover-open")).Not.ToContainTextAsync("Acme Labeling");
        await requester.Keyboard.PressAsync("Escape");
        await requester.GotoAsync("/marketplace");
        await Expect(requester.GetByTestId("listing-card")).ToContainTextAsync("0.25 USD per object");
        await Browser.ScreenshotAsync(requester, "marketplace");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.GetByTestId("open-listing").ClickAsync();
        await Expect(requester.GetByTestId("listing-name")).ToHaveTextAsync("Acme Labeling");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.GetByTestId("subscribe").ClickAsync();
        await Expect(requester.GetByTestId("subscribed")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(requester, "marketplace-listing");

        var manifestPath = Path.Combine(_portal.DataFolder, "reviews.manifest");
        await File.WriteAllTextAsync(manifestPath, Specs.TextManifest(3));
        await requester.GotoAsync("/jobs/new");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.Locator("#job-name").FillAsync("acme-reviews");
        await requester.Locator("#job-attribute").FillAsync("sentiment");
        await PortalPages.ChooseAsync(requester, "job-task-type", "Text classification (single label)");
        await requester.Locator("#job-labels").FillAsync("positive\nnegative");
        await PortalPages.ChooseAsync(requester, "job-team", "Acme Labeling");
        await requester.Locator("#job-workers").FillAsync("1");
        await Expect(requester.GetByTestId("vendor-price")).ToContainTextAsync("Acme Labeling charges 0.25 USD per object");
        await PortalPages.ChooseFileAsync(requester, "manifest", manifestPath);
        await Browser.ScreenshotAsync(requester, "create-job-vendor");
        await requester.GetByTestId("create-job").ClickAsync();
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("InProgress");
        await Expect(requester.GetByTestId("job-price")).ToHaveTextAsync("0.25 USD");

        // The vendor worker labels the three reviews in the worker portal.
        await worker.GotoAsync("/work");
        await Expect(worker.GetByTestId("available-job")).ToContainTextAsync("acme-reviews");
        await PortalPages.WaitInteractiveAsync(worker);
        await worker.GetByTestId("start-working").ClickAsync();
        for (var n = 0; n < 3; n++)
        {
            await Expect(worker.GetByTestId("task-text")).ToContainTextAsync("text number");
            var taskId = await worker.GetByTestId("task-id").TextContentAsync();
            await Expect(worker.GetByTestId("task-root")).ToBeFocusedAsync(new() { Timeout = 15_000 });
            await worker.Keyboard.PressAsync("1");
            await worker.Keyboard.PressAsync("Enter");
            await worker.WaitForFunctionAsync(
                "prev => document.querySelector('[data-testid=no-more-tasks]') || (document.querySelector('[data-testid=task-id]')?.textContent ?? prev) !== prev", taskId);
        }

        // Assert: the job completed, the bill says 3 × 0.25 = 0.75 USD, and the database agrees.
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        await requester.GotoAsync("/billing");
        await Expect(requester.GetByTestId("billing-charges")).ToContainTextAsync("acme-reviews");
        await Expect(requester.GetByTestId("charge-amount")).ToHaveTextAsync("0.75 USD");
        await Expect(requester.GetByTestId("billing-by-vendor")).ToContainTextAsync("Acme Labeling");
        await Expect(requester.GetByTestId("billing-total")).ToContainTextAsync("0.75 USD");
        await Browser.ScreenshotAsync(requester, "billing");
        var job = await _portal.WithDbAsync(db => db.Jobs.SingleAsync(j => j.Name == "acme-reviews"));
        Assert.Equal((0.25m, "USD", 3), (job.PricePerObject, job.Currency, job.HumanLabeled));
        var vendorTeam = await _portal.WithDbAsync(db => db.VendorCompanies.Where(c => c.Name == "Acme Labeling").Select(c => c.WorkTeamId).SingleAsync());
        Assert.Equal(vendorTeam, job.WorkTeamId);
        var workerId = await _portal.WithDbAsync(db => db.Users.Where(u => u.Email == "labeler@acme.test").Select(u => u.Id).SingleAsync());
        Assert.Equal(3, await _portal.WithDbAsync(db => db.Responses.CountAsync(r => r.JobId == job.Id && r.WorkerId == workerId)));
    }
}
