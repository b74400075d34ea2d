using Microsoft.Playwright;

namespace GroundTruth.Tests.TestSupport;

/// <summary>One headless Debian Chromium for the end-to-end tests (Playwright never downloads a browser here).</summary>
public sealed class Browser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = default!;

    private static string ExecutablePath => Environment.GetEnvironmentVariable("GT_CHROMIUM") ?? "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Skips the test when Chromium is not installed, except in CI, where that is a failure (.ci/run installs it).</summary>
    public void RequireOrSkip()
    {
        if (_playwright is not null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail($"CI must provide Chromium at {ExecutablePath}.");
        }

        Assert.Skip($"Chromium is not installed at {ExecutablePath} (apt-get install chromium, or set GT_CHROMIUM).");
    }

    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        RequireOrSkip();
        var context = await Instance.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1366, Height = 900 }, AcceptDownloads = true });
        context.SetDefaultTimeout(20_000);
        // Web-first assertions wait up to 10 s (Playwright's default is 5): two shared cores running the suite's
        // classes in parallel can take longer than 5 s for an import or a circuit round trip. A wait ends as soon as
        // the expected state appears, so this only matters when the machine is slow.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(10_000);
        var page = await context.NewPageAsync();
        // Browser-side errors (a failed circuit, a script error) go to a log beside the screenshots.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                var dir = Path.Combine(RepositoryRoot(), "artifacts");
                Directory.CreateDirectory(dir);
                File.AppendAllText(Path.Combine(dir, "browser-console.log"), $"{DateTime.UtcNow:O} {message.Type}: {message.Text}{Environment.NewLine}");
            }
        };
        return page;
    }

    /// <summary>Saves a screenshot under artifacts/screenshots at the repository root, for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GroundTruth.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }

    public async ValueTask DisposeAsync()
    {
        if (Instance is not null)
        {
            await Instance.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
