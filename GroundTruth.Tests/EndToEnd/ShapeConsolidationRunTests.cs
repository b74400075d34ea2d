using System.Text.Json.Nodes;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>A requester re-runs a keypoint job's consolidation with learned worker weights in the browser.</summary>
public sealed class ShapeConsolidationRunTests(Browser browser) : IClassFixture<Browser>, IAsyncLifetime
{
    private readonly PortalFactory _portal = new(useKestrel: true);

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task KeypointJob_WeightedRun_FlagsTheSpammerClearsTheQueueAndFeedsTheOutput()
    {
        // Arrange: a finished keypoint job where one of three workers clicks far from the others.
        browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", GroundTruth.Portal.Security.Roles.Admin);
        var labeled = await LabeledKeypointJob.CreateAsync(_portal, requesterEmail: "points@e2e.test");
        var page = await browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, "points@e2e.test", "Test-pass1");
        await page.GotoAsync($"/jobs/{labeled.JobId}");
        await PortalPages.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed");

        // The live per-object labels already reject the far clicks, but a third of the workers disputed every image.
        await Expect(page.GetByTestId("disagreements").Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("disagreements")).ToContainTextAsync("1 × circle");

        // Act: learn the weights across the job.
        await PortalPages.ChooseAsync(page, "run-method", "Reliability-weighted (learned across the job)");
        await page.Locator("#run-iterations").FillAsync("5");
        await page.GetByTestId("run-consolidation").ClickAsync();

        // Assert
        await Expect(page.GetByTestId("run-status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("runs-table")).ToContainTextAsync("weighted, up to 5 rounds");
        await Expect(page.GetByTestId("worker-quality").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("spammer-flag")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("worker-quality").Locator("tr", new() { Has = page.GetByTestId("spammer-flag") })).ToContainTextAsync("spam-");
        await page.GetByTestId("run-select").ClickAsync();
        await Expect(page.GetByTestId("run-selected")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("disagreements")).ToContainTextAsync("No object below the threshold.");
        // The objects table shows what the output now holds: the run's confidences, no longer the live 0.66.
        await Expect(page.GetByTestId("objects-table")).Not.ToContainTextAsync("0.66");
        await Browser.ScreenshotAsync(page, "consolidation-panel-keypoints");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-output").ClickAsync());
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(4, lines.Count);
        Assert.All(lines, line =>
        {
            var point = line["points"]!["annotatedResult"]!["keypoints"]!.AsArray().Single()!;
            Assert.InRange(point["x"]!.GetValue<double>(), 20, 21);
            Assert.True(line["points-metadata"]!["confidence"]!.GetValue<double>() > 0.9);
        });
    }
}
