using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GroundTruth.Core.Images;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace GroundTruth.Benchmarks;

/// <summary>
/// <c>submit-next [--tasks 15] [--size 1600x1200] [--chromium /usr/bin/chromium]</c>: starts the real portal
/// (<c>dotnet run -c Release --no-build --project GroundTruth.Portal</c>, Development, demo seeded, a temporary data
/// folder), creates a bounding-box job over generated PNGs through the REST API as the demo requester, then signs in as
/// a demo worker in headless Chromium and, task after task, measures the time from the click on Submit to the next
/// task's image and shapes painted (two animation frames after the annotator's <c>ready</c>). Reports p50, p95, max.
/// </summary>
public static class SubmitNextBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var tasks = int.Parse(BrowserBenchmarkSupport.Option(args, "--tasks") ?? "15", CultureInfo.InvariantCulture);
        var size = (BrowserBenchmarkSupport.Option(args, "--size") ?? "1600x1200").Split('x').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var chromium = BrowserBenchmarkSupport.Option(args, "--chromium") ?? Environment.GetEnvironmentVariable("GT_CHROMIUM") ?? "/usr/bin/chromium";
        var root = BrowserBenchmarkSupport.RepositoryRoot();
        using var folder = new Hosting.TempFolder();
        var images = Path.Combine(folder.Path, "objects", "bench");
        Directory.CreateDirectory(images);
        var manifest = new System.Text.StringBuilder();
        for (var i = 0; i <= tasks; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(images, $"{i}.png"), SampleImages.Draw(SampleImages.Shapes[i % 3], i, size[0], size[1]));
            manifest.Append(CultureInfo.InvariantCulture, $$"""{"source-ref":"bench/{{i}}.png"}""").Append('\n');
        }

        var port = FreePort();
        var address = $"http://127.0.0.1:{port}";
        using var portal = StartPortal(root, folder.Path, address);
        try
        {
            await WaitUntilUpAsync(address, portal);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });

            // The requester creates the job through the API with the browser's sign-in cookie.
            var requester = await browser.NewContextAsync(new() { BaseURL = address });
            var page = await requester.NewPageAsync();
            await SignInAsync(page, "requester@demo.local");
            var teamId = TeamId(folder.Path);
            var spec = JsonSerializer.Serialize(new
            {
                name = $"submit-next-{Guid.NewGuid():N}"[..24],
                labelAttributeName = "boxes",
                taskType = "BoundingBox",
                labels = new[] { new { label = "circle" }, new { label = "square" }, new { label = "triangle" } },
                shortInstructions = "Box every shape.",
                workTeamId = teamId,
                workersPerObject = 1,
                taskTimeLimitSeconds = 600,
            });
            var created = await page.APIRequest.PostAsync("/api/jobs", new()
            {
                Multipart = page.APIRequest.CreateFormData()
                    .Set("spec", spec)
                    .Set("manifest", new FilePayload { Name = "input.manifest", MimeType = "application/jsonlines", Buffer = System.Text.Encoding.UTF8.GetBytes(manifest.ToString()) }),
            });
            if (!created.Ok)
            {
                throw new InvalidOperationException($"Creating the job failed: {created.Status} {await created.TextAsync()}");
            }

            var jobName = JsonDocument.Parse(spec).RootElement.GetProperty("name").GetString()!;
            await requester.CloseAsync();

            // The worker labels task after task.
            var worker = await browser.NewContextAsync(new() { BaseURL = address, ViewportSize = new() { Width = 1400, Height = 900 } });
            page = await worker.NewPageAsync();
            await SignInAsync(page, "worker1@demo.local");
            await page.GotoAsync("/work");
            await page.WaitForSelectorAsync("[data-interactive]");
            var card = page.GetByTestId("available-job").Filter(new() { HasText = jobName });
            await card.WaitForAsync(new() { Timeout = 60_000 });
            await card.GetByTestId("start-working").ClickAsync();
            await page.EvaluateAsync("""
                () => {
                  document.addEventListener('click', (e) => {
                    if (e.target.closest('[data-testid=submit-task]')) { window.__submitAt = performance.now(); window.__shownAt = null; }
                  }, true);
                  // The next task's number on the page: the server answered and the circuit rendered.
                  new MutationObserver(() => {
                    const id = document.querySelector('[data-testid=task-id]')?.textContent;
                    if (window.__submitAt && !window.__shownAt && id && id !== window.__previousId) window.__shownAt = performance.now();
                  }).observe(document.body, { subtree: true, childList: true, characterData: true });
                }
                """);
            var times = new List<double>();
            var shown = new List<double>();
            for (var i = 0; i < tasks; i++)
            {
                await page.WaitForFunctionAsync(Painted, null, new() { Timeout = 60_000 });
                await page.EvaluateAsync("""
                    () => {
                      window.__previous = document.querySelector('[data-testid=annotator]').gtAnnotator;
                      window.__previousId = document.querySelector('[data-testid=task-id]')?.textContent;
                    }
                    """);
                await page.GetByTestId("submit-task").ClickAsync();
                await page.WaitForFunctionAsync(Painted, null, new() { Timeout = 60_000 });
                var r = await page.EvaluateAsync<JsonElement>(
                    "() => ({ painted: document.querySelector('[data-testid=annotator]').gtAnnotator.__paintedAt - window.__submitAt, shown: (window.__shownAt ?? NaN) - window.__submitAt })");
                times.Add(r.GetProperty("painted").GetDouble());
                shown.Add(r.GetProperty("shown").GetDouble());
            }

            static double Q(List<double> values, double p)
            {
                var sorted = values.Where(v => !double.IsNaN(v)).Order().ToList();
                return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Floor(p * sorted.Count))];
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"submit → next task painted ({tasks} tasks, {size[0]}×{size[1]} PNG, bounding box): p50 {Q(times, 0.5):F0} ms, p95 {Q(times, 0.95):F0} ms, max {times.Max():F0} ms"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  of which submit → next task's number on the page (server + circuit): p50 {Q(shown, 0.5):F0} ms, p95 {Q(shown, 0.95):F0} ms"));
            return 0;
        }
        finally
        {
            portal.Kill(entireProcessTree: true);
        }
    }

    // A new annotator (not the one the submit left) whose image and shapes have been painted.
    private const string Painted = """
        () => {
          const a = document.querySelector('[data-testid=annotator]')?.gtAnnotator;
          if (!a || a === window.__previous) return false;
          if (!a.__watching) {
            a.__watching = true;
            a.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => { a.__paintedAt = performance.now(); })));
          }
          return typeof a.__paintedAt === 'number';
        }
        """;

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", "Demo-pass1");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 30_000 });
    }

    private static string TeamId(string dataFolder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "groundtruth.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM WorkTeams WHERE Kind = 'Private' ORDER BY CreatedAt LIMIT 1";
        return command.ExecuteScalar() as string ?? throw new InvalidOperationException("The demo has no private work team.");
    }

    private static Process StartPortal(string root, string dataFolder, string address)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "run", "-c", "Release", "--no-build", "--no-launch-profile", "--project", "GroundTruth.Portal", "--",
                     "--urls", address, "--GroundTruth:DataFolder", dataFolder, "--GroundTruth:SeedDemo", "true", "--Logging:LogLevel:Default", "Warning" })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the portal.");
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[portal] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(string address, Process portal)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 240; i++)
        {
            if (portal.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {portal.ExitCode}.");
            }

            try
            {
                var response = await http.GetAsync($"{address}/Account/Login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The portal did not start within two minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
