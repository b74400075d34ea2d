using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace GroundTruth.Benchmarks;

/// <summary>
/// <c>canvas-browser [--counts 100,1000,5000,10000] [--chromium /usr/bin/chromium]</c>: loads the annotator in headless
/// Chromium with N boxes on a 4000 × 3000 image and reports load time (create → image and boxes painted), JS heap
/// after a GC, and frame times (p50/p95) while zooming and panning. Assets are served straight from
/// <c>wwwroot-assets</c> through Playwright's request routing, so no portal runs.
/// </summary>
public static class CanvasBrowserBenchmark
{
    private const string Origin = "http://bench.local";

    private const string Page = """
        <!doctype html><html><head><link rel="stylesheet" href="/annotator/annotator.css"></head>
        <body style="margin:0"><div id="host" style="width:1280px;height:800px"></div>
        <script type="module">
        import { createAnnotator } from '/annotator/annotator.js';
        window.bench = async (count) => {
          const W = 4000, H = 3000;
          const c = new OffscreenCanvas(W, H), g = c.getContext('2d');
          g.fillStyle = '#dfe8df'; g.fillRect(0, 0, W, H);
          for (let i = 0; i < 200; i++) { g.fillStyle = `hsl(${i * 37 % 360} 60% 50%)`; g.fillRect((i * 977) % W, (i * 613) % H, 120, 90); }
          const url = URL.createObjectURL(await c.convertToBlob({ type: 'image/png' }));
          let seed = 42; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
          const boxes = Array.from({ length: count }, () => {
            const w = 10 + rnd() * 80, h = 10 + rnd() * 80;
            return { label: rnd() < 0.5 ? 'car' : 'person', left: rnd() * (W - w), top: rnd() * (H - h), width: w, height: h };
          });
          const host = document.getElementById('host');
          const frame = () => new Promise((r) => requestAnimationFrame(r));
          const t0 = performance.now();
          const a = createAnnotator(host, { taskType: 'boundingBox', labels: ['car', 'person'], image: { url, width: W, height: H }, annotations: { boundingBoxes: boxes } });
          await a.ready; await frame(); await frame();
          const load = performance.now() - t0;
          if (window.gc) window.gc();
          const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
          const times = [];
          let last = performance.now();
          for (let i = 0; i < 180; i++) {
            if (i % 60 < 30) a.zoomAt(640, 400, i % 2 ? 1.04 : 1 / 1.035); else a.panBy(i % 2 ? 7 : -5, i % 3 ? 4 : -3);
            await frame();
            const now = performance.now(); times.push(now - last); last = now;
          }
          a.destroy(); URL.revokeObjectURL(url);
          times.sort((x, y) => x - y);
          const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
          return { count, load, heap, p50: q(0.5), p95: q(0.95) };
        };
        window.benchReady = true;
        </script></body></html>
        """;

    /// <summary>Runs the benchmark and writes one line per shape count.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var counts = Option(args, "--counts", "100,1000,5000,10000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var chromium = Option(args, "--chromium", Environment.GetEnvironmentVariable("GT_CHROMIUM") ?? "/usr/bin/chromium");
        var assets = FindAssets();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--enable-precise-memory-info", "--js-flags=--expose-gc"],
        });
        output.WriteLine("boxes\tload_ms\theap_mb\tframe_p50_ms\tframe_p95_ms");
        foreach (var count in counts)
        {
            // A fresh page per count, so one run's heap does not carry into the next.
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await page.RouteAsync($"{Origin}/**", route => ServeAsync(route, assets));
            await page.GotoAsync($"{Origin}/index.html");
            await page.WaitForFunctionAsync("() => window.benchReady === true");
            var r = await page.EvaluateAsync<JsonElement>("count => window.bench(count)", count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count}\t{r.GetProperty("load").GetDouble():F0}\t{r.GetProperty("heap").GetDouble() / 1048576:F1}\t{r.GetProperty("p50").GetDouble():F1}\t{r.GetProperty("p95").GetDouble():F1}"));
            await page.CloseAsync();
        }

        return 0;
    }

    private static Task ServeAsync(IRoute route, string assets)
    {
        var path = new Uri(route.Request.Url).AbsolutePath;
        if (path == "/index.html")
        {
            return route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = Page });
        }

        var file = Path.GetFullPath(Path.Combine(assets, path.TrimStart('/')));
        if (!file.StartsWith(assets, StringComparison.Ordinal) || !File.Exists(file))
        {
            return route.FulfillAsync(new() { Status = 404 });
        }

        var type = Path.GetExtension(file) == ".css" ? "text/css" : "text/javascript";
        return route.FulfillAsync(new() { Status = 200, ContentType = type, BodyBytes = File.ReadAllBytes(file) });
    }

    private static string FindAssets()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var assets = Path.Combine(dir.FullName, "wwwroot-assets");
            if (Directory.Exists(Path.Combine(assets, "annotator")))
            {
                return assets + Path.DirectorySeparatorChar;
            }
        }

        throw new DirectoryNotFoundException("wwwroot-assets/annotator was not found above the benchmark's folder.");
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
