namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>Which labels <see cref="MultiLabelConsolidator"/> reports for an item.</summary>
public enum MultiLabelRule
{
    /// <summary>Every label whose estimated probability of applying is at least 0.5.</summary>
    PosteriorAtLeastHalf,

    /// <summary>
    /// Every label that at least one worker chose for the item, each with its estimated probability as the
    /// confidence (the permissive rule; callers can filter on the confidence).
    /// </summary>
    ChosenByAnyWorker,
}
