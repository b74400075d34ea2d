using System.Text.RegularExpressions;
using GroundTruth.Portal.Features.Crowd;
using GroundTruth.Portal.Features.Marketplace;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// A private, a vendor and a public worker each hold a task of their own workforce's job; none of them can open
/// another workforce's task, by its URL in the worker portal or through the API.
/// </summary>
public sealed class WorkforceIsolationTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private readonly PortalFactory _portal = new(useKestrel: true);

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task Workers_OtherWorkforcesTaskByUrlOrApi_AreRefused()
    {
        // Arrange: one job per workforce, from one requester.
        browser.RequireOrSkip();
        await _portal.CreateUserAsync("boss@e2e.test", Roles.Admin);
        var requester = await _portal.CreateUserAsync("req@e2e.test", Roles.Requester);
        var privateWorker = await _portal.CreateUserAsync("private@e2e.test", Roles.PrivateWorker);
        var vendorWorker = await _portal.CreateUserAsync("vendor@e2e.test", Roles.VendorWorker);
        var publicWorker = await _portal.CreateUserAsync("public@e2e.test", Roles.PublicWorker);
        var team = await _portal.CreateTeamAsync("staff", privateWorker);
        var vendor = await Vendors.CreateAsync(_portal, "Acme Labeling", workerIds: vendorWorker);
        await _portal.Get<MarketplaceService>().SubscribeAsync(vendor.Id, requester);
        await _portal.Get<PublicCrowdService>().JoinAsync(publicWorker);
        var crowd = await _portal.Get<PublicCrowdService>().EnsureTeamAsync();
        await _portal.CreateJobAsync(Specs.Text(team, name: "private-job"), Specs.TextManifest(2), requester);
        await _portal.CreateJobAsync(Specs.Text(vendor.TeamId, name: "vendor-job"), Specs.TextManifest(2), requester);
        await _portal.CreateJobAsync(Specs.Text(crowd, name: "public-job") with { PricePerTask = 0.05m, NoPersonalDataConfirmed = true }, Specs.TextManifest(2), requester);
        var workers = new (string Email, string Job)[] { ("private@e2e.test", "private-job"), ("vendor@e2e.test", "vendor-job"), ("public@e2e.test", "public-job") };

        // Each worker sees only their own workforce's job and takes a task from it.
        var pages = new Dictionary<string, IPage>();
        var tasks = new Dictionary<string, (string Url, long ObjectId)>();
        foreach (var (email, job) in workers)
        {
            var page = await browser.NewPageAsync(_portal.ServerAddress);
            await PortalPages.SignInAsync(page, email, Password);
            await page.GotoAsync("/work");
            await Expect(page.GetByTestId("available-job")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("available-job")).ToContainTextAsync(job);
            await PortalPages.WaitInteractiveAsync(page);
            await page.GetByTestId("start-working").ClickAsync();
            await Expect(page.GetByTestId("task-job-name")).ToHaveTextAsync(job);
            await Expect(page).ToHaveURLAsync(new Regex("/work/tasks/\\d+$"));
            var taskId = long.Parse(page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
            var objectId = await _portal.WithDbAsync(db => db.Assignments.Where(a => a.Id == taskId).Select(a => a.DataObjectId).SingleAsync());
            pages[email] = page;
            tasks[job] = (new Uri(page.Url).AbsolutePath, objectId);
        }

        // Act and assert: every worker tries every other workforce's task, by URL and by API.
        var leaks = new List<string>();
        foreach (var (email, ownJob) in workers)
        {
            var page = pages[email];
            foreach (var (job, (url, objectId)) in tasks.Where(t => t.Key != ownJob))
            {
                await page.GotoAsync(url);
                await Expect(page.GetByTestId("task-gone")).ToBeVisibleAsync();
                if (await page.GetByTestId("task-job-name").CountAsync() > 0 || (await page.ContentAsync()).Contains("text number", StringComparison.Ordinal))
                {
                    leaks.Add($"{email} saw {job}'s task at {url}");
                }

                var taskApi = await page.APIRequest.GetAsync("/api" + url.Replace("/work", "", StringComparison.Ordinal));
                var content = await page.APIRequest.GetAsync($"/api/data-objects/{objectId}/content");
                var jobId = await _portal.WithDbAsync(db => db.Jobs.Where(j => j.Name == job).Select(j => j.Id).SingleAsync());
                var claim = await page.APIRequest.PostAsync($"/api/jobs/{jobId}/tasks/claim");
                if (taskApi.Status != 404 || content.Status != 404 || claim.Status != 204)
                {
                    leaks.Add($"{email} on {job}: task API {taskApi.Status}, content {content.Status}, claim {claim.Status}");
                }
            }

            if (email == "vendor@e2e.test")
            {
                await Browser.ScreenshotAsync(page, "task-of-another-workforce");
            }
        }

        Assert.Empty(leaks);
        Assert.Equal(3, await _portal.WithDbAsync(db => db.Assignments.CountAsync()));
    }
}
