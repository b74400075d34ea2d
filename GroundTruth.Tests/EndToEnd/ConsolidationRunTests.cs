using System.Text.Json.Nodes;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>A requester re-runs consolidation on a finished job in the browser and downloads the regenerated output.</summary>
public sealed class ConsolidationRunTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private readonly PortalFactory _portal = new(useKestrel: true);

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task JobPage_RerunWithOtherSettings_ShowsQualityAndQueueAndDownloadsRegeneratedOutput()
    {
        // Arrange: a finished job where one of three workers is a spammer.
        browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", GroundTruth.Portal.Security.Roles.Admin);
        var labeled = await LabeledJob.CreateAsync(_portal, requesterEmail: "quality@e2e.test");
        var page = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, "quality@e2e.test", "Test-pass1");
        await page.GotoAsync($"/jobs/{labeled.JobId}");
        await PortalPages.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed");

        // Act: run one-coin Dawid–Skene with 30 iterations and no smoothing.
        await PortalPages.ChooseAsync(page, "run-method", "One-coin Dawid–Skene");
        await page.Locator("#run-iterations").FillAsync("30");
        await page.Locator("#run-strength").FillAsync("0");
        await page.GetByTestId("run-consolidation").ClickAsync();

        // Assert: the run completes, quality and queue are shown, and the run's output downloads.
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("runs-table")).ToContainTextAsync("onecoin, 30 iterations, strength 0");
        await Expect(page.GetByTestId("worker-quality").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("spammer-flag")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("disagreements").Locator("tbody tr")).ToHaveCountAsync(8);
        await page.Locator("#disagreement-threshold").FillAsync("0.5");
        await page.Locator("#disagreement-threshold").PressAsync("Tab");
        await Expect(page.GetByTestId("disagreements")).ToContainTextAsync("No object below the threshold.");
        await Browser.ScreenshotAsync(page, "consolidation-panel");
        await page.GetByTestId("run-select").ClickAsync();
        await Expect(page.GetByTestId("run-selected")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-output").ClickAsync());
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(12, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal(labeled.Truths[i], lines[i]["sentiment-metadata"]!["class-name"]!.GetValue<string>());
            Assert.True(lines[i]["sentiment-metadata"]!["confidence"]!.GetValue<double>() > 0.67);
        }
    }
}
