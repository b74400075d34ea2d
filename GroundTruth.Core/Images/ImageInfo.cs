namespace GroundTruth.Core.Images;

/// <summary>What an image's header says about it.</summary>
/// <param name="Width">Displayed width in pixels, after EXIF orientation.</param>
/// <param name="Height">Displayed height in pixels, after EXIF orientation.</param>
/// <param name="Format">The encoded format, e.g. <c>Jpeg</c> or <c>Png</c>.</param>
public sealed record ImageInfo(int Width, int Height, string Format);
