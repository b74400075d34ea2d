using GroundTruth.Portal.Hosting;

namespace GroundTruth.Portal.Features.Jobs;

/// <summary>Jobs waiting for their input manifest to be imported.</summary>
public sealed class ManifestImports : PendingIds;
