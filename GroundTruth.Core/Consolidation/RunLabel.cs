namespace GroundTruth.Core.Consolidation;

/// <summary>One object's label in one consolidation run.</summary>
public sealed class RunLabel
{
    /// <summary>The run.</summary>
    public Guid RunId { get; set; }

    /// <summary>The data object.</summary>
    public long DataObjectId { get; set; }

    /// <summary>The label value as JSON.</summary>
    public required string LabelJson { get; set; }

    /// <summary>The complete <c>-metadata</c> object as JSON.</summary>
    public required string MetadataJson { get; set; }

    /// <summary>The label's confidence (lowest per-label confidence for multi-label).</summary>
    public double Confidence { get; set; }
}
