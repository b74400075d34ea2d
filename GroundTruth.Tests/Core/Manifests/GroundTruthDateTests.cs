using GroundTruth.Core.Manifests;

namespace GroundTruth.Tests.Core.Manifests;

public class GroundTruthDateTests
{
    [Fact]
    public void Format_UtcTime_WritesMicrosecondsWithoutZone()
    {
        var time = new DateTimeOffset(2019, 4, 18, 16, 40, 59, TimeSpan.Zero).AddTicks(2_179_950);

        Assert.Equal("2019-04-18T16:40:59.217995", GroundTruthDate.Format(time));
    }

    [Fact]
    public void Format_TimeWithOffset_ConvertsToUtc()
    {
        var time = new DateTimeOffset(2020, 1, 1, 1, 30, 0, TimeSpan.FromHours(2));

        Assert.Equal("2019-12-31T23:30:00.000000", GroundTruthDate.Format(time));
    }

    [Fact]
    public void Format_SubMicrosecondTicks_AreTruncated()
    {
        var time = new DateTimeOffset(2022, 9, 12, 10, 50, 11, TimeSpan.Zero).AddTicks(9_999_999);

        Assert.Equal("2022-09-12T10:50:11.999999", GroundTruthDate.Format(time));
    }

    [Fact]
    public void Format_SingleDigitFields_ArePadded()
    {
        var time = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(10);

        Assert.Equal("2021-03-04T05:06:07.000001", GroundTruthDate.Format(time));
    }
}
