namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>One output line of <see cref="PolylineConsolidator"/>.</summary>
/// <param name="Polyline">The chosen line (the cluster's medoid, with the voted label).</param>
/// <param name="Confidence">Support share × weighted mean similarity of the members to the medoid; 0 with one worker.</param>
/// <param name="WorkerIds">Workers whose lines formed the cluster.</param>
public sealed record ConsolidatedPolyline(Polyline Polyline, double Confidence, IReadOnlyList<string> WorkerIds);
