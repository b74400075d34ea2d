namespace GroundTruth.Core.Consolidation;

/// <summary>How majority vote picks one label when several have the same number of votes.</summary>
public enum TieBreak
{
    /// <summary>
    /// The tied label that comes first in label order: the order of the job's label categories when they are given,
    /// otherwise numeric order when every label is an integer, otherwise ordinal (culture-independent) order.
    /// This is the benchmarks' "strict" protocol rule.
    /// </summary>
    SmallestLabel,

    /// <summary>The tied label whose earliest answer for the item comes first in the input.</summary>
    FirstAnswer,
}
