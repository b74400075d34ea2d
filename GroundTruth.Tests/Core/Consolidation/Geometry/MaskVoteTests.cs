using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Tests.Core.Consolidation.Geometry;

public class MaskVoteTests
{
    private static LabelMask Filled(byte value, int width = 5, int height = 5)
    {
        var pixels = new byte[width * height];
        Array.Fill(pixels, value);
        return new LabelMask(pixels, width, height);
    }

    private static LabelMask WithCentre(byte background, byte centre)
    {
        var mask = Filled(background);
        mask.Pixels[12] = centre;
        return mask;
    }

    [Fact]
    public void Consolidate_AllAgree_ConfidenceOne()
    {
        var result = MaskVote.Consolidate([Filled(2), Filled(2), Filled(2)]);

        Assert.All(result.Mask.Pixels, p => Assert.Equal(2, p));
        Assert.Equal(1, result.Confidence, 9);
    }

    [Fact]
    public void Consolidate_NoSmoothing_TakesPerPixelMajority()
    {
        var result = MaskVote.Consolidate([WithCentre(0, 1), WithCentre(0, 1), Filled(0)], smooth: false);

        Assert.Equal(1, result.Mask.Pixels[12]);
        Assert.Equal(((24 * 1.0) + (2.0 / 3)) / 25, result.Confidence, 9);
    }

    [Fact]
    public void Consolidate_Smoothing_RemovesAnIsolatedPixel()
    {
        // Centre: class 1 scores 2 workers × 4 = 8, class 0 scores 4 (centre) + 3 × (4 × 2 + 4 × 1) = 40.
        var result = MaskVote.Consolidate([WithCentre(0, 1), WithCentre(0, 1), Filled(0)]);

        Assert.Equal(0, result.Mask.Pixels[12]);
    }

    [Fact]
    public void Consolidate_DownWeightedAdversary_IsOutvoted()
    {
        var result = MaskVote.Consolidate([Filled(1), Filled(3)], [1.0, 0.1]);

        Assert.All(result.Mask.Pixels, p => Assert.Equal(1, p));
        Assert.Equal(1 / 1.1, result.Confidence, 9);
    }

    [Fact]
    public void Consolidate_TwoWayTie_PicksLowerClassIndex()
    {
        var result = MaskVote.Consolidate([Filled(4), Filled(2)]);

        Assert.All(result.Mask.Pixels, p => Assert.Equal(2, p));
        Assert.Equal(0.5, result.Confidence, 9);
    }

    [Fact]
    public void Consolidate_SingleWorker_CopiesMaskWithZeroConfidence()
    {
        var result = MaskVote.Consolidate([WithCentre(0, 1)], smooth: false);

        Assert.Equal(1, result.Mask.Pixels[12]);
        Assert.Equal(0, result.Confidence);
    }

    [Fact]
    public void Consolidate_SizeMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => MaskVote.Consolidate([Filled(0), Filled(0, 4, 4)]));
    }

    [Fact]
    public void Consolidate_Smoothing_KeepsAStraightBoundaryWhereItIs()
    {
        // Left half class 1, right half class 2, identical for three workers: smoothing must not move the edge.
        var pixels = new byte[8 * 4];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 8 < 4 ? 1 : 2);
        }

        var mask = new LabelMask(pixels, 8, 4);

        var result = MaskVote.Consolidate([mask, mask, mask]);

        Assert.Equal(pixels, result.Mask.Pixels);
        Assert.InRange(result.Confidence, 0.8, 1.0);
    }
}
