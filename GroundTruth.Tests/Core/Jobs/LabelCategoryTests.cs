using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Jobs;

public class LabelCategoryTests
{
    [Theory]
    [InlineData("person", "person", null)]
    [InlineData("  person | per ", "person", "per")]
    [InlineData("a|b | ab", "a|b", "ab")]
    [InlineData("person |", "person", null)]
    public void ParseLine_LabelWithOptionalShortName_SplitsAtLastBar(string line, string label, string? shortName)
    {
        Assert.Equal(new LabelCategory(label, shortName), LabelCategory.ParseLine(line));
    }
}
