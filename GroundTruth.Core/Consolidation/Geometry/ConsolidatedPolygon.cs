namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>One output polygon of <see cref="PolygonConsolidator"/>.</summary>
/// <param name="Polygon">The fused or chosen polygon, with the voted label.</param>
/// <param name="Confidence">Support share × weighted mean mask IoU of the members to the output; 0 with one worker.</param>
/// <param name="WorkerIds">Workers whose polygons formed the cluster.</param>
/// <param name="Method">Whether the outline is a re-traced vote or a member (medoid).</param>
public sealed record ConsolidatedPolygon(Polygon Polygon, double Confidence, IReadOnlyList<string> WorkerIds, PolygonFusionMethod Method);
