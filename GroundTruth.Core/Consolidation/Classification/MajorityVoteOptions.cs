namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>Settings of <see cref="MajorityVote"/>.</summary>
public sealed record MajorityVoteOptions
{
    /// <summary>The defaults: <see cref="TieBreak.SmallestLabel"/>, no label categories.</summary>
    public static MajorityVoteOptions Default { get; } = new();

    /// <summary>How a tie between labels with equally many votes is broken.</summary>
    public TieBreak TieBreak { get; init; } = TieBreak.SmallestLabel;

    /// <summary>
    /// The job's label categories in their configured order, or <see langword="null"/>. When given, they define
    /// label order for <see cref="TieBreak.SmallestLabel"/>; labels not among them sort after them.
    /// </summary>
    public IReadOnlyList<string>? LabelCategories { get; init; }
}
