namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>Settings of <see cref="MultiLabelConsolidator"/>.</summary>
public sealed record MultiLabelOptions
{
    /// <summary>The defaults: <see cref="MultiLabelRule.PosteriorAtLeastHalf"/> and <see cref="DawidSkeneOptions.Default"/>.</summary>
    public static MultiLabelOptions Default { get; } = new();

    /// <summary>Which labels are reported.</summary>
    public MultiLabelRule Rule { get; init; } = MultiLabelRule.PosteriorAtLeastHalf;

    /// <summary>
    /// EM settings of each per-label binary model; <see cref="DawidSkeneOptions.LabelCategories"/> fixes the order of
    /// the reported labels.
    /// </summary>
    public DawidSkeneOptions Model { get; init; } = DawidSkeneOptions.Default;
}
