namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>A semantic-segmentation label mask: one class index per pixel, row-major (decoded from the worker's PNG).</summary>
/// <param name="Pixels">Class index per pixel, length <c>Width × Height</c>.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record LabelMask(byte[] Pixels, int Width, int Height);
