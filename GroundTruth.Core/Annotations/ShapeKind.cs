namespace GroundTruth.Core.Annotations;

/// <summary>The kinds of shape the image canvas draws, each with its crowd element's list name.</summary>
public enum ShapeKind
{
    /// <summary>Axis-aligned boxes, <c>boundingBoxes</c> of <c>crowd-bounding-box</c>.</summary>
    Box,

    /// <summary>Closed outlines, <c>polygons</c> of <c>crowd-polygon</c>.</summary>
    Polygon,

    /// <summary>Open lines, <c>polylines</c> of <c>crowd-polyline</c>.</summary>
    Polyline,

    /// <summary>Labeled points, <c>keypoints</c> of <c>crowd-keypoint</c>.</summary>
    Keypoint,
}
