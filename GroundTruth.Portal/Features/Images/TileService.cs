using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GroundTruth.Core.Images;
using GroundTruth.Core.Storage;
using GroundTruth.Portal.Hosting;
using Microsoft.Extensions.Options;

namespace GroundTruth.Portal.Features.Images;

/// <summary>
/// Tile pyramids for images too large to send whole (<see cref="PortalOptions.TileThresholdPixels"/>): built once per
/// image with <see cref="TilePyramidBuilder"/>, stored beside the data in the object store under <c>_tiles/</c>, and
/// served tile by tile. Imports queue large images so their pyramid is usually ready before a worker opens them;
/// a request for a pyramid that is not built yet builds it then (one build per image at a time).
/// </summary>
public sealed partial class TileService(IObjectStore store, IOptions<PortalOptions> options, ILogger<TileService> logger)
{
    private const string LayoutFile = "layout.json";
    private readonly ConcurrentDictionary<string, Lazy<Task<TileLayout?>>> _builds = new(StringComparer.Ordinal);
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Whether an image of this size is served as tiles.</summary>
    public bool ShouldTile(int? width, int? height) =>
        width is > 0 && height is > 0 && (long)width.Value * height.Value > options.Value.TileThresholdPixels;

    /// <summary>Queues the pyramid of <paramref name="sourceKey"/> to be built in the background.</summary>
    public ValueTask QueueAsync(string sourceKey, CancellationToken cancellationToken = default) => _pending.Writer.WriteAsync(sourceKey, cancellationToken);

    /// <summary>The queued images, for <see cref="TilePyramidBuilderService"/>.</summary>
    public IAsyncEnumerable<string> ReadQueueAsync(CancellationToken cancellationToken) => _pending.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The image's pyramid layout, building the pyramid first when needed; <c>null</c> when the image is missing or undecodable.</summary>
    public async Task<TileLayout?> EnsureAsync(string sourceKey, CancellationToken cancellationToken = default)
    {
        var prefix = PrefixOf(sourceKey);
        if (await ReadLayoutAsync(prefix, cancellationToken) is { } built)
        {
            return built;
        }

        var build = _builds.GetOrAdd(sourceKey, key => new Lazy<Task<TileLayout?>>(() => BuildAsync(key, prefix)));
        try
        {
            return await build.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (build.Value.IsCompleted)
            {
                _builds.TryRemove(KeyValuePair.Create(sourceKey, build));
            }
        }
    }

    /// <summary>Opens one tile of a built pyramid, or <c>null</c>.</summary>
    public Task<Stream?> OpenTileAsync(string sourceKey, int level, int column, int row, CancellationToken cancellationToken = default) =>
        level < 0 || column < 0 || row < 0
            ? Task.FromResult<Stream?>(null)
            : store.OpenReadAsync(TileLayout.TileKey(PrefixOf(sourceKey), level, column, row), cancellationToken);

    /// <summary>The folder key of an image's pyramid: a hash of its key, so names and paths never leak into it.</summary>
    public static string PrefixOf(string sourceKey) =>
        "_tiles/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceKey)))[..32];

    private async Task<TileLayout?> ReadLayoutAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync($"{prefix}/{LayoutFile}", cancellationToken);
        return stream is null ? null : await JsonSerializer.DeserializeAsync<TileLayout>(stream, JsonSerializerOptions.Web, cancellationToken);
    }

    private async Task<TileLayout?> BuildAsync(string sourceKey, string prefix)
    {
        // Never tied to one request: a worker who navigates away should not waste the half-built pyramid.
        await Task.Yield();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var image = await store.OpenReadAsync(sourceKey);
        if (image is null)
        {
            return null;
        }

        await using var seekable = image.CanSeek ? image : await CopyToTempAsync(image);
        var layout = TilePyramidBuilder.LayoutOf(seekable, options.Value.TileSize);
        if (layout is null)
        {
            return null;
        }

        seekable.Position = 0;
        var count = 0;
        try
        {
            foreach (var tile in TilePyramidBuilder.Build(seekable, layout.TileSize))
            {
                using var content = new MemoryStream(tile.Jpeg, writable: false);
                await store.WriteAsync(TileLayout.TileKey(prefix, tile.Level, tile.Column, tile.Row), content);
                count++;
            }
        }
        catch (InvalidDataException ex)
        {
            LogBuildFailed(logger, ex, sourceKey);
            return null;
        }

        // Written last: a pyramid with a layout file is complete.
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(layout, JsonSerializerOptions.Web));
        await store.WriteAsync($"{prefix}/{LayoutFile}", json);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        LogBuilt(logger, sourceKey, layout.Width, layout.Height, count, seconds);
        return layout;
    }

    private static async Task<Stream> CopyToTempAsync(Stream source)
    {
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await source.CopyToAsync(temp);
        temp.Position = 0;
        return temp;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Tiled {Key} ({Width} × {Height}) into {Count} tiles in {Seconds:0.0} s")]
    private static partial void LogBuilt(ILogger logger, string key, int width, int height, int count, double seconds);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Could not tile {Key}")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception, string key);
}

/// <summary>Builds the tile pyramids that imports queue, one at a time, off the request path.</summary>
public sealed partial class TilePyramidBuilderService(TileService tiles, ILogger<TilePyramidBuilderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var key in tiles.ReadQueueAsync(stoppingToken))
        {
            try
            {
                await tiles.EnsureAsync(key, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, key);
            }
        }
    }

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Building the tile pyramid of {Key} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string key);
}
