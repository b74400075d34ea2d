using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Geometry;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Segmentation;

namespace GroundTruth.Tests.Core.Segmentation;

public class SegmentationConsolidationTests
{
    private static LabelMask Rect(int width, int height, int x0, int y0, int x1, int y1, byte value)
    {
        var pixels = new byte[width * height];
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                pixels[(y * width) + x] = value;
            }
        }

        return new LabelMask(pixels, width, height);
    }

    [Fact]
    public void Consolidate_TwoAgreeOneScribbles_KeepsTheAgreedRegionAndWeighsTheScribblerLess()
    {
        var a = Rect(20, 20, 5, 5, 15, 15, 1);
        var b = Rect(20, 20, 5, 5, 15, 15, 1);
        var scribble = Rect(20, 20, 0, 0, 20, 10, 2);

        var result = SegmentationConsolidation.Consolidate([a, b, scribble]);

        // The 3×3 smoothing may round the square's four corners off; nothing of the scribble survives.
        Assert.DoesNotContain((byte)2, result.Mask.Pixels);
        Assert.InRange(result.Mask.Pixels.Count(p => p == 1), 96, 100);
        Assert.All(Enumerable.Range(0, 400).Where(i => a.Pixels[i] == 0), i => Assert.Equal(0, result.Mask.Pixels[i]));
        Assert.True(result.Weights[2] < result.Weights[0], $"weights {string.Join(", ", result.Weights)}");
        Assert.InRange(result.Confidence, 0.5, 1.0);
    }

    [Fact]
    public void Consolidate_OneWorker_KeepsTheMaskWithConfidenceZero()
    {
        var only = Rect(8, 8, 2, 2, 4, 4, 1);

        var result = SegmentationConsolidation.Consolidate([only]);

        Assert.Same(only, result.Mask);
        Assert.Equal(0, result.Confidence);
    }

    [Fact]
    public void Consolidate_IdenticalMasks_HaveFullConfidenceExceptAtSmoothedEdges()
    {
        var m = Rect(10, 10, 0, 0, 10, 10, 1);

        var result = SegmentationConsolidation.Consolidate([m, m]);

        Assert.Equal(1.0, result.Confidence);
    }

    [Fact]
    public void Annotation_Metadata_IsInternalColorMapWithTheImageConfidence()
    {
        LabelCategory[] labels = [new("cat"), new("dog")];

        var annotation = SegmentationConsolidation.Annotation(labels, "jobs/j/annotations/consolidated-annotation/output/0_t.png", 0.87);
        var metadata = LabelMetadata.Complete(annotation.Metadata, TaskTypes.Get(TaskType.SemanticSegmentation).OutputType, "pets", humanAnnotated: true, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal("\"jobs/j/annotations/consolidated-annotation/output/0_t.png\"", annotation.Label.ToJsonString());
        Assert.Equal(
            """{"internal-color-map":{"0":{"class-name":"BACKGROUND","confidence":0.87,"hex-color":"#ffffff"},"1":{"class-name":"cat","confidence":0.87,"hex-color":"#1f77b4"},"2":{"class-name":"dog","confidence":0.87,"hex-color":"#ff7f0e"}},"type":"groundtruth/semantic-segmentation","job-name":"labeling-job/pets","human-annotated":"yes","creation-date":"2026-01-02T03:04:05.000000"}""",
            metadata.ToJsonString());
    }

    [Fact]
    public void EncodePng_ConsolidatedMask_RoundTripsItsIndices()
    {
        var mask = Rect(7, 5, 1, 1, 4, 3, 2);

        var decoded = PalettePng.Decode(SegmentationConsolidation.EncodePng(mask, labelCount: 2));

        Assert.Equal(mask.Pixels, decoded.Pixels);
        Assert.Equal(3, decoded.PaletteSize);
    }
}
