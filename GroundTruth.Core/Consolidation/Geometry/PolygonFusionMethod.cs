namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>How a consolidated polygon was produced.</summary>
public enum PolygonFusionMethod
{
    /// <summary>Weighted pixel vote of the members, re-traced by marching squares and simplified.</summary>
    PixelVote,

    /// <summary>
    /// The member with the highest weighted mask IoU to the others, used when the vote mask is empty, has several
    /// components or has holes (re-tracing would change topology or need a multi-polygon).
    /// </summary>
    Medoid,
}
