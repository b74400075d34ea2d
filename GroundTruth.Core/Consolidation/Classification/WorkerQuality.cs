namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>What an EM consolidator learned about one worker.</summary>
/// <param name="WorkerId">The worker.</param>
/// <param name="Accuracy">
/// Estimated share of the worker's answers that are correct: the mean posterior probability of the label the
/// worker gave (soft agreement with the consolidated labels).
/// </param>
/// <param name="AnswerCount">How many answers the worker gave.</param>
/// <param name="SpammerScore">
/// Raykar and Yu's spammer score (JMLR 13, 2012, "Eliminating spammers and ranking annotators for crowdsourced
/// labeling tasks"): the mean squared distance between the rows of the worker's confusion matrix, scaled to
/// [0, 1]. 0 means the answer does not depend on the true class: random guessing, or giving the same answer
/// nearly always. 1 means a perfect worker; a worker who is always wrong in a consistent way also scores high,
/// because the answers are informative once inverted.
/// </param>
/// <param name="IsSpammer">
/// <see langword="true"/> when the worker gave at least <see cref="DawidSkeneOptions.SpammerMinimumAnswers"/>
/// answers and <paramref name="SpammerScore"/> is at most <see cref="DawidSkeneOptions.SpammerScoreThreshold"/>.
/// </param>
public sealed record WorkerQuality(
    string WorkerId, double Accuracy, int AnswerCount, double SpammerScore, bool IsSpammer);
