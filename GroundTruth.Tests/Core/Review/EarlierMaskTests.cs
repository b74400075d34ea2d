using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation.Geometry;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;
using GroundTruth.Core.Segmentation;

namespace GroundTruth.Tests.Core.Review;

public class EarlierMaskTests
{
    private const string Line = """
        {"source-ref":"a.png","streets-ref":"jobs/x/0.png","streets-ref-metadata":{"internal-color-map":{"0":{"class-name":"BACKGROUND","confidence":0.9,"hex-color":"#ffffff"},"1":{"class-name":"buildings","confidence":0.9,"hex-color":"#2acf59"},"2":{"class-name":"road","confidence":0.9,"hex-color":"#F28333"}},"type":"groundtruth/semantic-segmentation","human-annotated":"yes","job-name":"labeling-job/streets"}}
        """;

    private static EarlierMaskRef Earlier => EarlierMask.Read(Line, "streets-ref").Mask!;

    private static byte[] Png(byte[] pixels, int width, int height, int paletteEntries = 3) =>
        PalettePng.Encode(pixels, width, height, SegmentationPalette.Rgb(paletteEntries - 1));

    [Fact]
    public void Read_GroundTruthLine_GivesTheReferenceAndClassesInIndexOrder()
    {
        var (mask, problem) = EarlierMask.Read(Line, "streets-ref");

        Assert.Null(problem);
        Assert.Equal("jobs/x/0.png", mask!.Reference);
        Assert.Equal(
            [new EarlierMaskClass(0, "BACKGROUND", "#ffffff"), new EarlierMaskClass(1, "buildings", "#2acf59"), new EarlierMaskClass(2, "road", "#f28333")],
            mask.Classes);
    }

    [Theory]
    [InlineData("""{"source-ref":"a.png"}""", "The line has no \"streets-ref\" with the earlier mask to review.")]
    [InlineData("""{"source-ref":"a.png","streets-ref":7}""", "\"streets-ref\" must be a string naming the earlier mask's PNG file.")]
    [InlineData("""{"source-ref":"a.png","streets-ref":"m.png"}""", "\"streets-ref-metadata\" has no \"internal-color-map\" naming the earlier mask's classes.")]
    [InlineData("""{"source-ref":"a.png","streets-ref":"m.png","streets-ref-metadata":{"internal-color-map":{"x":{"class-name":"a"}}}}""", "\"streets-ref-metadata\".internal-color-map has key \"x\"; keys must be class indices 0–255.")]
    [InlineData("""{"source-ref":"a.png","streets-ref":"m.png","streets-ref-metadata":{"internal-color-map":{"1":{"hex-color":"#000000"}}}}""", "\"streets-ref-metadata\".internal-color-map entry \"1\" has no \"class-name\".")]
    [InlineData("""{"source-ref":"a.png","streets-ref":"m.png","streets-ref-metadata":{"internal-color-map":{}}}""", "\"streets-ref-metadata\".internal-color-map is empty.")]
    public void Read_BadLine_NamesTheField(string line, string expected)
    {
        Assert.Equal(expected, EarlierMask.Read(line, "streets-ref").Problem);
    }

    [Fact]
    public void Check_PaletteMaskOfTheImagesSize_GivesItsIndices()
    {
        var (mask, problem) = EarlierMask.Check(Png([0, 1, 2, 0, 2, 2], 3, 2), new ImageSize(3, 2), Earlier, "streets-ref");

        Assert.Null(problem);
        Assert.Equal([0, 1, 2, 0, 2, 2], mask!.Pixels);
    }

    [Fact]
    public void Check_WrongSize_SaysBothSizes()
    {
        var (_, problem) = EarlierMask.Check(Png([0, 1, 2, 0, 2, 2], 3, 2), new ImageSize(4, 2), Earlier, "streets-ref");

        Assert.Equal("The earlier mask 'jobs/x/0.png' in \"streets-ref\" is 3 × 2 pixels but the image is 4 × 2.", problem);
    }

    [Fact]
    public void Check_IndexTheColorMapDoesNotName_SaysWhere()
    {
        var (_, problem) = EarlierMask.Check(Png([0, 1, 2, 3, 2, 2], 3, 2, paletteEntries: 4), new ImageSize(3, 2), Earlier, "streets-ref");

        Assert.Equal("The earlier mask 'jobs/x/0.png' in \"streets-ref\" has class index 3 at pixel (0, 1), which \"streets-ref-metadata\".internal-color-map does not name.", problem);
    }

    [Fact]
    public void Check_NotAPaletteImage_SaysWhy()
    {
        var (_, problem) = EarlierMask.Check("not a png"u8.ToArray(), new ImageSize(3, 2), Earlier, "streets-ref");

        Assert.Equal("The earlier mask 'jobs/x/0.png' in \"streets-ref\" cannot be used: The mask is not a readable PNG image.", problem);
    }

    [Fact]
    public void IndexMap_JobLabelsInAnotherOrderWithANewOne_MapsByName()
    {
        var (map, problem) = EarlierMask.IndexMap(Earlier, ["road", "sidewalk", "buildings"], "streets-ref");
        var remapped = EarlierMask.Remap(new LabelMask([0, 1, 2, 2], 2, 2), map!);

        Assert.Null(problem);
        Assert.Equal([0, 3, 1, 1], remapped.Pixels);
        Assert.Equal((2, 2), (remapped.Width, remapped.Height));
    }

    [Fact]
    public void IndexMap_EarlierClassMissingFromTheJob_NamesIt()
    {
        var (map, problem) = EarlierMask.IndexMap(Earlier, ["buildings"], "streets-ref");

        Assert.Null(map);
        Assert.Equal("The earlier mask's class 'road' (index 2 in \"streets-ref-metadata\".internal-color-map) is not one of this job's labels; add it to the labels.", problem);
    }

    [Fact]
    public void OverlayClasses_NearWhiteRepeatedOrMissingColour_GetsTheFirstFreePaletteColour()
    {
        var earlier = new EarlierMaskRef("m.png", [new(0, "BACKGROUND", "#ffffff"), new(1, "a", "#fafafa"), new(2, "b", "#123456"), new(3, "c", "#133457"), new(4, "d", null), new(5, "e", "#d62728")]);

        var classes = EarlierMask.OverlayClasses(earlier);

        Assert.Equal(
            [new OverlayClass("a", "#1f77b4"), new OverlayClass("b", "#123456"), new OverlayClass("c", "#ff7f0e"), new OverlayClass("d", "#2ca02c"), new OverlayClass("e", "#d62728")],
            classes);
    }

    [Fact]
    public void Find_OutputManifestLines_OffersOnlySegmentationRefAttributes()
    {
        const string Boxes = """{"source-ref":"b.png","boxes":{"annotations":[]},"boxes-metadata":{"class-map":{},"type":"groundtruth/object-detection"},"other-ref":"x.png","other-ref-metadata":{"type":"groundtruth/video-object-tracking"}}""";

        var found = EarlierMask.Find([Line, Boxes, "not json"]);

        Assert.Equal("streets-ref", Assert.Single(found).Name);
        Assert.Equal(["buildings", "road"], found[0].ClassNames);
    }

    [Fact]
    public void AdjustmentStatus_MasksComparedPixelByPixel()
    {
        var earlier = new LabelMask([0, 1, 2, 2], 2, 2);

        Assert.Equal("unadjusted", AdjustmentStatus.Of(earlier, [new LabelMask([0, 1, 2, 2], 2, 2), new LabelMask([0, 1, 2, 2], 2, 2)]));
        Assert.Equal("adjusted", AdjustmentStatus.Of(earlier, [new LabelMask([0, 1, 2, 2], 2, 2), new LabelMask([0, 1, 2, 1], 2, 2)]));
        Assert.Equal("adjusted", AdjustmentStatus.Of(earlier, [new LabelMask([0, 1, 2, 2], 4, 1)]));
    }
}
