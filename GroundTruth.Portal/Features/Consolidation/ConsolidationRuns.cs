using GroundTruth.Portal.Hosting;

namespace GroundTruth.Portal.Features.Consolidation;

/// <summary>Consolidation runs waiting for the background runner.</summary>
public sealed class ConsolidationRuns : PendingIds;
