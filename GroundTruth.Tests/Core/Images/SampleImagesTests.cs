using GroundTruth.Core.Images;

namespace GroundTruth.Tests.Core.Images;

public class SampleImagesTests
{
    [Fact]
    public void Shapes_Get_ReturnsCircleSquareTriangle()
    {
        Assert.Equal(["circle", "square", "triangle"], SampleImages.Shapes);
    }

    [Theory]
    [InlineData("circle")]
    [InlineData("square")]
    [InlineData("triangle")]
    public void Draw_SameSeed_SameBytes(string shape)
    {
        Assert.Equal(SampleImages.Draw(shape, 5, 32, 24), SampleImages.Draw(shape, 5, 32, 24));
    }

    [Fact]
    public void Draw_DifferentSeedsOrShapes_DifferentBytes()
    {
        var reference = SampleImages.Draw("circle", 5, 32, 24);

        Assert.NotEqual(reference, SampleImages.Draw("circle", 6, 32, 24));
        Assert.NotEqual(reference, SampleImages.Draw("square", 5, 32, 24));
    }

    [Fact]
    public void Draw_AnyShape_WritesPngSignature()
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], SampleImages.Draw("triangle", 1, 16, 16)[..8]);
    }

    [Theory]
    [InlineData("hexagon")]
    [InlineData("Circle")]
    [InlineData("")]
    public void Draw_UnknownShape_Throws(string shape)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SampleImages.Draw(shape, 1, 8, 8));

        Assert.Equal("shape", exception.ParamName);
    }
}
