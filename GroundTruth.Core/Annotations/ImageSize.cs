namespace GroundTruth.Core.Annotations;

/// <summary>An image's displayed size in pixels (after EXIF orientation), as recorded at import.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>The length of the image's diagonal in pixels.</summary>
    public double Diagonal => Math.Sqrt(((double)Width * Width) + ((double)Height * Height));
}
