using System.ComponentModel.DataAnnotations;

namespace GroundTruth.Portal.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>GroundTruth</c> configuration section.</summary>
public sealed class PortalOptions
{
    public const string Section = "GroundTruth";

    /// <summary>Holds the SQLite database and every stored file (uploads, manifests, outputs). Relative paths are under the content root.</summary>
    [Required]
    public string DataFolder { get; set; } = "App_Data";

    public DatabaseProvider DatabaseProvider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite the default is a file in <see cref="DataFolder"/>. Required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Largest manifest or file upload accepted, in bytes.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Seed demo users, a team and sample jobs at start-up (also the <c>--demo</c> switch).</summary>
    public bool SeedDemo { get; set; }

    /// <summary>How often leases and availability lifetimes are checked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Images with more pixels than this reach the browser as a tile pyramid instead of one file (default 16 megapixels).</summary>
    [Range(1, long.MaxValue)]
    public long TileThresholdPixels { get; set; } = Core.Images.TileLayout.DefaultThresholdPixels;

    /// <summary>The side of a pyramid tile in pixels.</summary>
    [Range(64, 4096)]
    public int TileSize { get; set; } = Core.Images.TileLayout.DefaultTileSize;

    public string ResolveDataFolder(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataFolder));
}
