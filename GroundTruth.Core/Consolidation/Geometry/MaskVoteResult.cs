namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>Result of <see cref="MaskVote.Consolidate"/>.</summary>
/// <param name="Mask">The consolidated label mask.</param>
/// <param name="Confidence">Mean winning (smoothed) vote share over all pixels, in [0, 1]; 0 with a single worker.</param>
public sealed record MaskVoteResult(LabelMask Mask, double Confidence);
