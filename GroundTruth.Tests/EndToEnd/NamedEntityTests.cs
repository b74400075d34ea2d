using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Text;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// A named-entity job in a real browser: the requester creates it through the form, one worker marks entities by
/// dragging over words and clicking labels, another with the keyboard only, and the output manifest's code-point
/// offsets point at exactly the characters they selected (an emoji before the first entity checks the counting).
/// </summary>
public sealed class NamedEntityTests : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private const string Text = "😀 Ada flew to Paris.\nShe met Grace Hopper there.";
    private readonly Browser _browser;
    private readonly PortalFactory _portal = new(useKestrel: true);

    public NamedEntityTests(Browser browser) => _browser = browser;

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task NamedEntity_TwoWorkersWithMouseAndKeyboard_OutputOffsetsPointAtSelectedCharacters()
    {
        // Arrange: a team of two workers, and a requester who creates the job through the form.
        var ids = new[] { await _portal.CreateUserAsync("mia@e2e.test", Roles.PrivateWorker), await _portal.CreateUserAsync("kai@e2e.test", Roles.PrivateWorker) };
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        await _portal.CreateUserAsync("req@e2e.test", Roles.Requester);
        await _portal.CreateTeamAsync("readers", ids);
        var manifestPath = Path.Combine(_portal.DataFolder, "ner.manifest");
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(new Dictionary<string, object> { ["source"] = Text, ["doc"] = 1 }) + "\n");
        var requester = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(requester, "req@e2e.test", Password);
        await requester.GotoAsync("/jobs/new");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.Locator("#job-name").FillAsync("people-places-e2e");
        await requester.Locator("#job-attribute").FillAsync("entities");
        await PortalPages.ChooseAsync(requester, "job-task-type", "Named entity recognition");
        await requester.Locator("#job-labels").FillAsync("person | PER\nplace | LOC");
        await PortalPages.ChooseAsync(requester, "job-team", "readers");
        await requester.Locator("#job-short").FillAsync("Mark every person and place. Select whole words only.");
        await requester.Locator("#job-workers").FillAsync("2");
        await PortalPages.ChooseFileAsync(requester, "manifest", manifestPath);
        await Browser.ScreenshotAsync(requester, "ner-create-job");
        await requester.GetByTestId("create-job").ClickAsync();
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("InProgress");

        // Act: Mia drags over words and clicks labels; Kai uses only the keyboard.
        var mia = await OpenTaskAsync("mia@e2e.test");
        await DragOverAsync(mia, "Ada");
        await mia.Locator(".gt-spans__label[data-label=person]").ClickAsync();
        await DragOverAsync(mia, "Paris");
        await mia.Locator(".gt-spans__label[data-label=place]").ClickAsync();
        await DragOverAsync(mia, "Grace Hopper");
        await mia.Locator(".gt-spans__label[data-label=person]").ClickAsync();
        await Expect(mia.Locator(".gt-spans__blocks mark[data-id]")).ToHaveCountAsync(3);
        await Browser.ScreenshotAsync(mia, "ner-task-mouse");

        // The draft saves itself a few seconds after the last edit, and a reload brings the entities back.
        await WaitForDraftAsync();
        await mia.ReloadAsync();
        await PortalPages.WaitInteractiveAsync(mia);
        await Expect(mia.Locator(".gt-spans__blocks mark[data-id]")).ToHaveCountAsync(3);
        await mia.GetByTestId("submit-task").ClickAsync();
        await Expect(mia.GetByTestId("no-more-tasks")).ToBeVisibleAsync();

        var kai = await OpenTaskAsync("kai@e2e.test");
        await kai.Locator(".gt-spans").FocusAsync();
        // Arrows move to the end of the next word and Shift+ArrowLeft selects back to its start; 1 and 2 are the labels.
        await PressAsync(kai, "ArrowRight", "Shift+ArrowLeft", "1");
        await PressAsync(kai, "ArrowRight", "ArrowRight", "ArrowRight", "Shift+ArrowLeft", "2");
        await PressAsync(kai, "ArrowDown", "Home", "ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight", "Shift+ArrowLeft", "Shift+ArrowLeft", "1");
        await Expect(kai.Locator(".gt-spans__blocks mark[data-id]")).ToHaveCountAsync(3);
        await Browser.ScreenshotAsync(kai, "ner-task-keyboard");
        await kai.Keyboard.PressAsync("Control+Enter");
        await Expect(kai.GetByTestId("no-more-tasks")).ToBeVisibleAsync();

        // Assert: both agree, so every entity is kept with confidence 1, at code-point offsets of the selected words.
        await Expect(requester.GetByTestId("job-progress-text")).ToHaveTextAsync("100%", new() { Timeout = 30_000 });
        var download = await requester.RunAndWaitForDownloadAsync(() => requester.GetByTestId("download-output").ClickAsync());
        var line = JsonNode.Parse((await File.ReadAllTextAsync(await download.PathAsync())).Trim())!;
        var entities = line["entities"]!["annotations"]!["entities"]!.AsArray();
        Assert.Equal(
            [("person", "Ada"), ("place", "Paris"), ("person", "Grace Hopper")],
            entities.Select(e => (e!["label"]!.GetValue<string>(), CodePoints.Slice(Text, e["startOffset"]!.GetValue<int>(), e["endOffset"]!.GetValue<int>()))));
        Assert.Equal([2, 14], entities.Take(2).Select(e => e!["startOffset"]!.GetValue<int>()));
        Assert.Equal("""[{"label":"person","shortDisplayName":"PER"},{"label":"place","shortDisplayName":"LOC"}]""",
            line["entities"]!["annotations"]!["labels"]!.ToJsonString());
        Assert.Equal("""[{"confidence":1},{"confidence":1},{"confidence":1}]""", line["entities-metadata"]!["entities"]!.ToJsonString());
        Assert.Equal("groundtruth/text-span", line["entities-metadata"]!["type"]!.GetValue<string>());
    }

    private async Task WaitForDraftAsync()
    {
        for (var waited = 0; waited < 15_000; waited += 250)
        {
            if (await _portal.WithDbAsync(db => db.Assignments.AnyAsync(a => a.DraftJson != null && a.DraftJson.Contains("\"startOffset\":29"))))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("The draft was not saved within 15 seconds.");
    }

    private async Task<IPage> OpenTaskAsync(string email)
    {
        var page = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, email, Password);
        await page.GotoAsync("/work");
        await PortalPages.WaitInteractiveAsync(page);
        await page.GetByTestId("start-working").ClickAsync();
        await Expect(page.Locator(".gt-spans__blocks")).ToContainTextAsync("Paris");
        return page;
    }

    /// <summary>Presses the mouse on the first character of <paramref name="words"/> and releases it on the last.</summary>
    private static async Task DragOverAsync(IPage page, string words)
    {
        var box = await page.EvaluateAsync<double[]>(
            """
            (words) => {
              const root = document.querySelector('.gt-spans__blocks');
              const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                const r = range.getBoundingClientRect();
                return [r.left, r.top, r.width, r.height];
              }
              return null;
            }
            """, words);
        Assert.NotNull(box);
        var y = box[1] + box[3] / 2;
        await page.Mouse.MoveAsync((float)box[0] + 2, (float)y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(box[0] + box[2]) - 2, (float)y, new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    private static async Task PressAsync(IPage page, params string[] keys)
    {
        foreach (var key in keys)
        {
            await page.Keyboard.PressAsync(key);
        }
    }
}
