namespace GroundTruth.Core.Consolidation;

/// <summary>The consolidated label of one data object.</summary>
/// <param name="ItemId">The data object.</param>
/// <param name="Label">The consolidated class.</param>
/// <param name="Confidence">
/// Confidence in <paramref name="Label"/>, in [0, 1], rounded to 2 decimals; 0.00 when
/// <paramref name="AnswerCount"/> is 1, as Ground Truth writes it for a single worker.
/// </param>
/// <param name="AnswerCount">How many answers the data object received.</param>
public sealed record ClassDecision(string ItemId, string Label, double Confidence, int AnswerCount);
