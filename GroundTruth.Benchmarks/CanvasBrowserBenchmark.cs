using System.Globalization;
using System.Text.Json;
using GroundTruth.Core.Images;
using Microsoft.Playwright;
using SkiaSharp;

namespace GroundTruth.Benchmarks;

/// <summary>
/// <c>canvas-browser [--counts 100,1000,5000,10000] [--polygons 500x50] [--rounds 3] [--first-paint] [--chromium /usr/bin/chromium]</c>:
/// loads the annotator in headless Chromium with N boxes (and P polygons of V vertices) on a 4000 × 3000 image and
/// reports load time (create → image and shapes painted), JS heap after a GC, and frame times (p50/p95) while zooming
/// and panning. <c>--first-paint</c> then times the first paint of a 6,000 × 4,000 JPEG loaded whole and as tiles, and of a
/// 20,000 × 20,000 image through its tile pyramid (built here with the portal's <see cref="TilePyramidBuilder"/>, whose
/// build time and peak memory are reported too). Assets are served straight from <c>wwwroot-assets</c> through
/// Playwright's request routing, so no portal runs.
/// </summary>
public static class CanvasBrowserBenchmark
{
    private const string Origin = "http://bench.local";

    private const string Page = """
        <!doctype html><html><head><link rel="stylesheet" href="/annotator/annotator.css"></head>
        <body style="margin:0"><div id="host" style="width:1280px;height:800px"></div>
        <script type="module">
        import { createAnnotator, createTiledImageSource } from '/annotator/annotator.js';
        window.bench = async (count, polygons = 0, vertices = 0) => {
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
          // Simple polygons: vertices at increasing angles around a centre, each at its own radius.
          const shapes = Array.from({ length: polygons }, () => {
            const cx = 80 + rnd() * (W - 160), cy = 80 + rnd() * (H - 160);
            return { label: rnd() < 0.5 ? 'car' : 'person', vertices: Array.from({ length: vertices }, (_, k) => {
              const angle = (k / vertices) * 2 * Math.PI, radius = 25 + rnd() * 45;
              return { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) };
            }) };
          });
          const host = document.getElementById('host');
          const frame = () => new Promise((r) => requestAnimationFrame(r));
          const t0 = performance.now();
          const a = polygons
            ? createAnnotator(host, { taskType: 'polygon', labels: ['car', 'person'], image: { url, width: W, height: H }, annotations: { polygons: shapes } })
            : createAnnotator(host, { taskType: 'boundingBox', labels: ['car', 'person'], image: { url, width: W, height: H }, annotations: { boundingBoxes: boxes } });
          await a.ready; await frame(); await frame();
          const load = performance.now() - t0;
          if (window.gc) window.gc();
          const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
          const times = [], work = [];
          let last = performance.now();
          for (let i = 0; i < 180; i++) {
            if (i % 60 < 30) a.zoomAt(640, 400, i % 2 ? 1.04 : 1 / 1.035); else a.panBy(i % 2 ? 7 : -5, i % 3 ? 4 : -3);
            await frame();
            const now = performance.now(); times.push(now - last); last = now;
            work.push(a.stats().lastFrameMs);
          }
          a.destroy(); URL.revokeObjectURL(url);
          const q = (list, p) => { const s = [...list].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
          return { count, load, heap, p50: q(times, 0.5), p95: q(times, 0.95), work50: q(work, 0.5), work95: q(work, 0.95) };
        };
        // First paint of a big image: whole from a URL, or tiled from /tiles/ (layout at /tiles/layout.json).
        window.firstPaint = async (mode) => {
          const host = document.getElementById('host');
          const frame = () => new Promise((r) => requestAnimationFrame(r));
          const t0 = performance.now();
          let image;
          if (mode.startsWith('tiled')) {
            const base = mode === 'tiled' ? '/tiles' : '/tiles-photo';
            const layout = await (await fetch(`${base}/layout.json`)).json();
            image = { width: layout.width, height: layout.height, source: createTiledImageSource({ ...layout, tileUrl: (l, c, r) => `${base}/${l}/${c}_${r}.jpg` }) };
          } else {
            image = { url: '/photo.jpg', width: 6000, height: 4000 };
          }
          const a = createAnnotator(host, { taskType: 'boundingBox', labels: ['car'], image, annotations: null });
          await a.ready; await frame(); await frame();
          const first = performance.now() - t0;
          // Then zoom to 1:1 at the centre and wait until no tile is in flight: the view is sharp.
          const t1 = performance.now();
          a.oneToOne();
          await frame();
          const pending = () => a.renderer.imageSource?.pending?.() ?? 0;
          let settled = 0;
          for (let i = 0; i < 3000 && settled < 2; i++) {
            await frame();
            settled = pending() === 0 ? settled + 1 : 0;
          }
          const sharp = performance.now() - t1;
          if (window.gc) window.gc();
          const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
          const tiles = performance.getEntriesByType('resource').filter((e) => e.name.includes('/tiles')).length;
          a.destroy();
          return { first, sharp, heap, tiles };
        };
        window.benchReady = true;
        </script></body></html>
        """;

    /// <summary>Runs the benchmark and writes one line per shape count.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var counts = (BrowserBenchmarkSupport.Option(args, "--counts") ?? "100,1000,5000,10000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var chromium = BrowserBenchmarkSupport.Option(args, "--chromium") ?? Environment.GetEnvironmentVariable("GT_CHROMIUM") ?? "/usr/bin/chromium";
        var assets = FindAssets();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--enable-precise-memory-info", "--js-flags=--expose-gc"],
        });
        var rounds = int.Parse(BrowserBenchmarkSupport.Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);

        // One discarded run first: the first page of a fresh browser pays for compiling the modules and warming the
        // raster caches, which would otherwise land on whichever count runs first. Then the counts are interleaved
        // round by round, so a burst of load on this shared machine hits every count alike; each figure is the
        // median over the rounds. "render" is the annotator's own work per frame (Renderer.stats().lastFrameMs);
        // "frame" is the interval between animation frames, which also holds the browser's compositing.
        await MeasureAsync(browser, assets, "count => window.bench(count)", counts[0]);
        var results = counts.ToDictionary(c => c, _ => new List<JsonElement>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var count in counts)
            {
                results[count].Add(await MeasureAsync(browser, assets, "count => window.bench(count)", count));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {rounds} interleaved rounds"));
        output.WriteLine("boxes\tload_ms\theap_mb\tframe_p50_ms\tframe_p95_ms\tframe_p95_range_ms\trender_p50_ms\trender_p95_ms");
        foreach (var count in counts)
        {
            output.WriteLine(Row(count.ToString(CultureInfo.InvariantCulture), results[count]));
        }

        if (counts.Length > 1)
        {
            var (fewest, most) = (counts.Min(), counts.Max());
            double P95(int c) => Median(results[c], "p95");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"frame p95 with {most} boxes / with {fewest} boxes = {P95(most) / P95(fewest):F2}"));
        }

        if ((BrowserBenchmarkSupport.Option(args, "--polygons") ?? "500x50") is { Length: > 0 } polygonSpec && polygonSpec != "none")
        {
            var parts = polygonSpec.Split('x');
            var (polygons, vertices) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
            var runs = new List<JsonElement>();
            for (var round = 0; round < rounds; round++)
            {
                runs.Add(await MeasureAsync(browser, assets, "([p, v]) => window.bench(0, p, v)", new[] { polygons, vertices }));
            }

            output.WriteLine(Row($"{polygons} polygons x {vertices} vertices", runs));
        }

        if (args.Contains("--first-paint"))
        {
            await FirstPaintAsync(browser, assets, output);
        }

        return 0;
    }

    // A fresh page per measurement, so one run's heap does not carry into the next.
    private static async Task<JsonElement> MeasureAsync(IBrowser browser, string assets, string script, object argument)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        await page.RouteAsync($"{Origin}/**", route => ServeAsync(route, assets));
        await page.GotoAsync($"{Origin}/index.html");
        await page.WaitForFunctionAsync("() => window.benchReady === true");
        var result = await page.EvaluateAsync<JsonElement>(script, argument);
        await page.CloseAsync();
        return result;
    }

    private static double Median(List<JsonElement> runs, string property)
    {
        var values = runs.Select(r => r.GetProperty(property).GetDouble()).Order().ToArray();
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }

    private static double Min(List<JsonElement> runs, string property) => runs.Min(r => r.GetProperty(property).GetDouble());

    private static double Max(List<JsonElement> runs, string property) => runs.Max(r => r.GetProperty(property).GetDouble());

    private static string Row(string name, List<JsonElement> runs) => string.Create(CultureInfo.InvariantCulture,
        $"{name}\t{Median(runs, "load"):F0}\t{Median(runs, "heap") / 1048576:F1}\t{Median(runs, "p50"):F1}\t{Median(runs, "p95"):F1}\t{Min(runs, "p95"):F1}-{Max(runs, "p95"):F1}\t{Median(runs, "work50"):F2}\t{Median(runs, "work95"):F2}");

    private static async Task FirstPaintAsync(IBrowser browser, string assets, TextWriter output)
    {
        using var folder = new Hosting.TempFolder();
        output.WriteLine();
        Console.Error.WriteLine("Generating a 6,000 × 4,000 JPEG and a 20,000 × 20,000 JPEG…");
        var photo = Path.Combine(folder.Path, "photo.jpg");
        await File.WriteAllBytesAsync(photo, SyntheticJpeg(6000, 4000));
        var huge = Path.Combine(folder.Path, "huge.jpg");
        await File.WriteAllBytesAsync(huge, SyntheticJpeg(20_000, 20_000));
        GC.Collect();

        // The portal's pyramid builds, measured: time and the process's peak working set while they run.
        foreach (var (file, name, width, height) in new[] { (photo, "tiles-photo", 6000, 4000), (huge, "tiles", 20_000, 20_000) })
        {
            var tiles = Path.Combine(folder.Path, name);
            var before = Environment.WorkingSet;
            var peak = before;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var count = 0;
            long bytes = 0;
            await using (var source = File.OpenRead(file))
            {
                foreach (var tile in TilePyramidBuilder.Build(source))
                {
                    var target = Path.Combine(tiles, tile.Level.ToString(CultureInfo.InvariantCulture), $"{tile.Column}_{tile.Row}.jpg");
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await File.WriteAllBytesAsync(target, tile.Jpeg);
                    count++;
                    bytes += tile.Jpeg.Length;
                    if (count % 64 == 0)
                    {
                        peak = Math.Max(peak, Environment.WorkingSet);
                    }
                }
            }

            watch.Stop();
            var layout = new TileLayout(width, height);
            await File.WriteAllTextAsync(Path.Combine(tiles, "layout.json"), JsonSerializer.Serialize(
                new { width = layout.Width, height = layout.Height, tileSize = layout.TileSize, levels = layout.LevelCount }));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pyramid {width}x{height}: {count} tiles, {bytes / 1048576.0:F1} MB, built in {watch.Elapsed.TotalSeconds:F1} s, working set {before / 1048576} MB before, peak {peak / 1048576} MB"));
            GC.Collect();
        }

        output.WriteLine("image\tfirst_paint_ms\tsharp_at_1to1_ms\theap_mb\ttile_requests");
        foreach (var (mode, name) in new[] { ("whole", "6000x4000 whole JPEG"), ("tiled-photo", "6000x4000 tiled"), ("tiled", "20000x20000 tiled") })
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await page.RouteAsync($"{Origin}/**", route => ServeAsync(route, assets, folder.Path));
            await page.GotoAsync($"{Origin}/index.html");
            await page.WaitForFunctionAsync("() => window.benchReady === true");
            var r = await page.EvaluateAsync<JsonElement>("mode => window.firstPaint(mode)", mode);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}\t{r.GetProperty("first").GetDouble():F0}\t{r.GetProperty("sharp").GetDouble():F0}\t{r.GetProperty("heap").GetDouble() / 1048576:F1}\t{r.GetProperty("tiles").GetInt32()}"));
            await page.CloseAsync();
        }
    }

    // A photo-like test card: gradients and many small coloured blocks, so JPEG has detail to encode.
    private static byte[] SyntheticJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var gradient = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [new SKColor(40, 90, 160), new SKColor(220, 200, 120), new SKColor(60, 140, 80)], SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = gradient };
            canvas.DrawRect(0, 0, width, height, paint);
            var random = new Random(7);
            using var block = new SKPaint();
            for (var i = 0; i < width * (long)height / 40_000; i++)
            {
                block.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawRect(random.Next(width), random.Next(height), 20 + random.Next(120), 15 + random.Next(90), block);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static Task ServeAsync(IRoute route, string assets, string? media = null)
    {
        var path = new Uri(route.Request.Url).AbsolutePath;
        if (path == "/index.html")
        {
            return route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = Page });
        }

        if (media is not null && (path == "/photo.jpg" || path.StartsWith("/tiles", StringComparison.Ordinal)))
        {
            var mediaFile = Path.GetFullPath(Path.Combine(media, path.TrimStart('/')));
            return mediaFile.StartsWith(media, StringComparison.Ordinal) && File.Exists(mediaFile)
                ? route.FulfillAsync(new() { Status = 200, ContentType = path.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "image/jpeg", BodyBytes = File.ReadAllBytes(mediaFile) })
                : route.FulfillAsync(new() { Status = 404 });
        }

        var file = Path.GetFullPath(Path.Combine(assets, path.TrimStart('/')));
        if (!file.StartsWith(assets, StringComparison.Ordinal) || !File.Exists(file))
        {
            return route.FulfillAsync(new() { Status = 404 });
        }

        var type = Path.GetExtension(file) == ".css" ? "text/css" : "text/javascript";
        return route.FulfillAsync(new() { Status = 200, ContentType = type, BodyBytes = File.ReadAllBytes(file) });
    }

    private static string FindAssets() =>
        Path.Combine(BrowserBenchmarkSupport.RepositoryRoot(), "wwwroot-assets") + Path.DirectorySeparatorChar;
}
