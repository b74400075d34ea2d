using GroundTruth.Core.Consolidation;

namespace GroundTruth.Portal.Features.Consolidation;

public sealed record RunSummary(
    Guid Id, ConsolidationSettings Settings, RunStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    int ObjectCount, int ChangedCount, string? Error, bool Selected);

public sealed record WorkerQualityRow(
    string WorkerId, string Email, int Answers, double? EstimatedAccuracy, double? SpammerScore, bool FlaggedAsSpammer,
    double MeanSecondsPerTask, double AgreementWithConsensus);

public sealed record DisagreementRow(long DataObjectId, long DatasetObjectId, string Source, string? Label, double Confidence, int Answers, bool SentBack);
