namespace GroundTruth.Portal.Data;

/// <summary>A manifest line rejected during a job's import, kept for the import report.</summary>
public sealed class ImportError
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    public long LineNumber { get; set; }

    public required string Message { get; set; }
}
