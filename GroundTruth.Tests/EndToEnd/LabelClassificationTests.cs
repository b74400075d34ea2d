using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Images;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// The whole product in a real browser: set-up, a work team, a job created through the form from an uploaded
/// manifest, three workers labeling with the keyboard in separate browser contexts, live progress, and the output
/// manifest checked line by line against Ground Truth's format and the expected consolidated labels.
/// </summary>
public sealed class LabelClassificationTests : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private readonly Browser _browser;
    private readonly PortalFactory _portal = new(useKestrel: true);

    public LabelClassificationTests(Browser browser) => _browser = browser;

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task ImageClassification_ThreeWorkersWithKeyboard_OutputManifestHasConsolidatedLabels()
    {
        // Arrange: the first visit sets up the admin; the admin builds a team of three workers.
        _browser.RequireOrSkip();
        var workers = new[] { "ann@e2e.test", "bob@e2e.test", "cy@e2e.test" };
        foreach (var worker in workers)
        {
            await _portal.CreateUserAsync(worker, Roles.PrivateWorker);
        }

        await _portal.CreateUserAsync("req@e2e.test", Roles.Requester);
        var admin = await _browser.NewPageAsync(_portal.ServerAddress);
        await admin.GotoAsync("/");
        await Expect(admin).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/setup$"));
        await Browser.ScreenshotAsync(admin, "setup");
        await admin.Locator("#setup-email").FillAsync("admin@e2e.test");
        await admin.Locator("#setup-password").FillAsync(Password);
        await admin.Locator("#setup-confirm").FillAsync(Password);
        await admin.Locator("#setup-submit").ClickAsync();
        await Expect(admin.GetByTestId("signed-in-as")).ToHaveTextAsync("admin@e2e.test");
        await admin.GotoAsync("/admin/teams");
        await PortalPages.WaitInteractiveAsync(admin);
        await admin.Locator("#team-name").FillAsync("annotators");
        await PortalPages.ChooseAsync(admin, "team-members", workers);
        await admin.GetByTestId("create-team").ClickAsync();
        await Expect(admin.GetByTestId("team-member")).ToHaveCountAsync(3);
        await Browser.ScreenshotAsync(admin, "admin-teams");

        // The requester uploads a manifest of six images and creates the job through the form.
        var manifestPath = Path.Combine(_portal.DataFolder, "upload.manifest");
        var truths = WriteImages(6, manifestPath);
        var requester = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(requester, "req@e2e.test", Password);
        await requester.GotoAsync("/jobs/new");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.Locator("#job-name").FillAsync("shapes-e2e");
        await requester.Locator("#job-attribute").FillAsync("shape");
        await requester.Locator("#job-labels").FillAsync(string.Join('\n', SampleImages.Shapes));
        await PortalPages.ChooseAsync(requester, "job-team", "annotators");
        await requester.Locator("#job-short").FillAsync("Choose the shape.");
        await PortalPages.ChooseFileAsync(requester, "manifest", manifestPath);
        await Expect(requester.GetByTestId("manifest-chosen")).ToHaveTextAsync("upload.manifest");
        await Browser.ScreenshotAsync(requester, "create-job");
        await requester.GetByTestId("create-job").ClickAsync();
        await Expect(requester.GetByTestId("job-name")).ToHaveTextAsync("shapes-e2e");
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("InProgress");
        await Expect(requester.GetByTestId("job-progress-text")).ToHaveTextAsync("0%");

        // Act: three workers, each in their own browser context, label every image with the keyboard.
        // Ann and Bob always answer the truth; Cy answers the next label on odd images.
        var objectTruth = await ObjectTruthsAsync(truths);
        for (var w = 0; w < workers.Length; w++)
        {
            var page = await _browser.NewPageAsync(_portal.ServerAddress);
            await PortalPages.SignInAsync(page, workers[w], Password);
            var wrongOnOdd = w == 2;
            await LabelAllAsync(page, objectTruth, (id, truth) =>
            {
                var index = SampleImages.Shapes.ToList().IndexOf(truth);
                return wrongOnOdd && objectTruth[id].Index % 2 == 1 ? (index + 1) % 3 : index;
            }, screenshot: w == 0 ? "task-image" : null);
        }

        // Assert: the requester's page reaches 100% by itself, and the output manifest is Ground Truth's.
        await Expect(requester.GetByTestId("job-progress-text")).ToHaveTextAsync("100%", new() { Timeout = 30_000 });
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("Completed");
        await Browser.ScreenshotAsync(requester, "job-details-completed");
        var lines = await DownloadOutputAsync(requester);
        Assert.Equal(6, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var truth = truths[i];
            Assert.Equal(truth, line["truth"]!.GetValue<string>());
            Assert.Equal(SampleImages.Shapes.ToList().IndexOf(truth), line["shape"]!.GetValue<int>());
            var metadata = line["shape-metadata"]!.AsObject();
            Assert.Equal(truth, metadata["class-name"]!.GetValue<string>());
            Assert.Equal(i % 2 == 1 ? 0.67 : 1.0, metadata["confidence"]!.GetValue<double>());
            Assert.Equal("groundtruth/image-classification", metadata["type"]!.GetValue<string>());
            Assert.Equal("labeling-job/shapes-e2e", metadata["job-name"]!.GetValue<string>());
            Assert.Equal("yes", metadata["human-annotated"]!.GetValue<string>());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", metadata["creation-date"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task TextMultiLabel_ThreeWorkersWithKeyboard_OutputManifestHasEveryChosenLabel()
    {
        // Arrange
        _browser.RequireOrSkip();
        var workers = new[] { "dee@e2e.test", "eve@e2e.test", "fay@e2e.test" };
        var ids = new List<string>();
        foreach (var worker in workers)
        {
            ids.Add(await _portal.CreateUserAsync(worker, Roles.PrivateWorker));
        }

        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        await _portal.CreateUserAsync("req2@e2e.test", Roles.Requester);
        await _portal.CreateTeamAsync("readers", [.. ids]);
        var manifestPath = Path.Combine(_portal.DataFolder, "texts.manifest");
        string[] texts = ["fast delivery, fair price", "broken on arrival", "great support team"];
        File.WriteAllLines(manifestPath, texts.Select((t, i) => JsonSerializer.Serialize(new Dictionary<string, object> { ["source"] = t, ["row"] = i })));
        var requester = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(requester, "req2@e2e.test", Password);
        await requester.GotoAsync("/jobs/new");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.Locator("#job-name").FillAsync("reviews-e2e");
        await requester.Locator("#job-attribute").FillAsync("topics");
        await PortalPages.ChooseAsync(requester, "job-task-type", "Text classification (multi-label)");
        await requester.Locator("#job-labels").FillAsync("delivery\nprice\nquality\nsupport");
        await PortalPages.ChooseAsync(requester, "job-team", "readers");
        await PortalPages.ChooseFileAsync(requester, "manifest", manifestPath);
        await requester.GetByTestId("create-job").ClickAsync();
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("InProgress");

        // Act: keys toggle labels (1 delivery, 2 price, 3 quality, 4 support), Enter submits; plan[row][worker].
        string[][][] plan =
        [
            [["1", "2"], ["1", "2"], ["1"]],
            [["3"], ["3"], ["3", "4"]],
            [["4"], ["4"], []],
        ];
        for (var w = 0; w < workers.Length; w++)
        {
            var page = await _browser.NewPageAsync(_portal.ServerAddress);
            await PortalPages.SignInAsync(page, workers[w], Password);
            await page.GotoAsync("/work");
            await PortalPages.WaitInteractiveAsync(page);
            await page.GetByTestId("start-working").ClickAsync();
            for (var n = 0; n < texts.Length; n++)
            {
                var text = await page.GetByTestId("task-text").TextContentAsync();
                var row = Array.IndexOf(texts, text!.Trim());
                var taskId = await page.GetByTestId("task-id").TextContentAsync();
                await Expect(page.GetByTestId("task-root")).ToBeFocusedAsync(new() { Timeout = 15_000 });
                foreach (var key in plan[row][w])
                {
                    await page.Keyboard.PressAsync(key);
                }

                await Expect(page.Locator("[data-testid=label-choice][aria-pressed=true]")).ToHaveCountAsync(plan[row][w].Length);
                if (w == 0 && n == 0)
                {
                    await Browser.ScreenshotAsync(page, "task-text-multilabel");
                }

                await page.Keyboard.PressAsync("Enter");
                await WaitNextAsync(page, taskId!);
            }
        }

        // Assert
        await Expect(requester.GetByTestId("job-progress-text")).ToHaveTextAsync("100%", new() { Timeout = 30_000 });
        var lines = await DownloadOutputAsync(requester);
        Assert.Equal(3, lines.Count);
        var labels = new[] { "delivery", "price", "quality", "support" };
        string[][] expected = [["delivery", "price"], ["quality", "support"], ["support"]];
        double[][] confidences = [[0.67, 1.0], [0.33, 1.0], [0.67]];
        for (var i = 0; i < 3; i++)
        {
            var line = lines[i];
            var classMap = line["topics-metadata"]!["class-map"]!.AsObject();
            var confidenceMap = line["topics-metadata"]!["confidence-map"]!.AsObject();
            var chosen = line["topics"]!.AsArray().Select(v => v!.GetValue<int>()).ToList();
            Assert.Equal(expected[i].Order(), chosen.Select(c => labels[c]).Order());
            Assert.Equal(expected[i].Order(), classMap.Select(p => p.Value!.GetValue<string>()).Order());
            Assert.All(classMap, p => Assert.Equal(labels[int.Parse(p.Key)], p.Value!.GetValue<string>()));
            Assert.Equal(confidences[i].Order(), confidenceMap.Select(p => p.Value!.GetValue<double>()).Order());
            Assert.Equal("groundtruth/text-classification-multilabel", line["topics-metadata"]!["type"]!.GetValue<string>());
            Assert.Equal(texts[i], line["source"]!.GetValue<string>());
        }
    }

    private static async Task LabelAllAsync(IPage page, Dictionary<long, (string Truth, int Index)> objects, Func<long, string, int> choose, string? screenshot)
    {
        await page.GotoAsync("/work");
        await PortalPages.WaitInteractiveAsync(page);
        await page.GetByTestId("start-working").ClickAsync();
        for (var n = 0; n < objects.Count; n++)
        {
            // The image URL is signed and opaque; the object id is on the element for tests and tools.
            var id = long.Parse((await page.GetByTestId("task-image").GetAttributeAsync("data-object-id"))!);
            var taskId = await page.GetByTestId("task-id").TextContentAsync();
            await Expect(page.GetByTestId("task-image")).ToHaveJSPropertyAsync("complete", true);
            await Expect(page.GetByTestId("task-root")).ToBeFocusedAsync(new() { Timeout = 15_000 });
            await page.Keyboard.PressAsync((choose(id, objects[id].Truth) + 1).ToString());
            if (screenshot is not null && n == 0)
            {
                await Browser.ScreenshotAsync(page, screenshot);
            }

            await page.Keyboard.PressAsync("Enter");
            await WaitNextAsync(page, taskId!);
        }
    }

    private static async Task WaitNextAsync(IPage page, string previousTaskId)
    {
        await page.WaitForFunctionAsync(
            "prev => document.querySelector('[data-testid=no-more-tasks]') || (document.querySelector('[data-testid=task-id]')?.textContent ?? prev) !== prev",
            previousTaskId);
    }

    private static async Task<List<JsonObject>> DownloadOutputAsync(IPage requester)
    {
        var download = await requester.RunAndWaitForDownloadAsync(() => requester.GetByTestId("download-output").ClickAsync());
        var path = await download.PathAsync();
        return [.. (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    private string[] WriteImages(int count, string manifestPath)
    {
        var truths = new string[count];
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            truths[i] = SampleImages.Shapes[(i * 2) % 3];
            var key = $"e2e/{i}-{truths[i]}.png";
            var path = Path.Combine(_portal.DataFolder, "objects", key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, SampleImages.Draw(truths[i], i));
            lines.Add(JsonSerializer.Serialize(new Dictionary<string, string> { ["source-ref"] = key, ["truth"] = truths[i] }));
        }

        File.WriteAllLines(manifestPath, lines);
        return truths;
    }

    private async Task<Dictionary<long, (string Truth, int Index)>> ObjectTruthsAsync(string[] truths)
    {
        var rows = await _portal.WithDbAsync(db => db.DataObjects.Select(o => new { o.Id, o.DatasetObjectId }).ToListAsync());
        return rows.ToDictionary(r => r.Id, r => (truths[r.DatasetObjectId], (int)r.DatasetObjectId));
    }
}
