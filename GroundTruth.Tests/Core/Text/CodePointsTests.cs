using GroundTruth.Core.Text;

namespace GroundTruth.Tests.Core.Text;

public class CodePointsTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("😀 hi", 4)]
    [InlineData("e\u0301", 2)]
    public void Length_Text_CountsCodePoints(string text, int expected)
    {
        Assert.Equal(expected, CodePoints.Length(text));
    }

    [Fact]
    public void Length_UnpairedSurrogate_CountsAsOne()
    {
        Assert.Equal(2, CodePoints.Length("\ud800x"));
    }

    [Fact]
    public void ToUtf16Index_AfterEmoji_SkipsBothSurrogates()
    {
        Assert.Equal(3, CodePoints.ToUtf16Index("😀 Paris", 2));
    }

    [Fact]
    public void Slice_SpanAfterEmoji_ReturnsTheSelectedCharacters()
    {
        Assert.Equal("Paris", CodePoints.Slice("😀 Paris 🇫🇷", 2, 7));
    }

    [Fact]
    public void ToUtf16Index_PastTheEnd_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CodePoints.ToUtf16Index("ab", 3));
    }
}
