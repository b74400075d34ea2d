using Bunit;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Tests.TestSupport;

namespace GroundTruth.Tests.Portal.Features.Jobs;

public class ShapeThumbnailTests : PortalTestContext
{
    private static readonly IReadOnlyList<ImageShape> Shapes =
    [
        ImageShape.Box("cat", 10, 20, 30, 40),
        new(ShapeKind.Polygon, "dog", [new(1, 2), new(50.5, 2), new(25, 60.25)]),
        ImageShape.Box("cat", 100, 100, 5, 5),
    ];

    [Fact]
    public void Thumbnail_DrawsEachShapeInImagePixelsWithItsLabelsColour()
    {
        var cut = Render<ShapeThumbnail>(p => p
            .Add(c => c.ImageUrl, "/img.png").Add(c => c.Shapes, Shapes).Add(c => c.Size, new ImageSize(200, 150))
            .Add(c => c.LabelNames, ["dog", "cat"]).Add(c => c.ObjectName, "7"));

        var svg = cut.Find("svg.gt-shape-layer");
        Assert.Equal("0 0 200 150", svg.GetAttribute("viewBox"));
        var first = svg.QuerySelectorAll("rect")[0];
        Assert.Equal(("10", "20", "30", "40"), (first.GetAttribute("x"), first.GetAttribute("y"), first.GetAttribute("width"), first.GetAttribute("height")));
        Assert.Equal(SegmentationPalette.ColorOf(1), first.GetAttribute("stroke"));
        var polygon = svg.QuerySelector("polygon")!;
        Assert.Equal("1,2 50.5,2 25,60.25", polygon.GetAttribute("points"));
        Assert.Equal(SegmentationPalette.ColorOf(0), polygon.GetAttribute("stroke"));
    }

    [Fact]
    public void Click_OpensTheLargeViewWithALegendCountingEachLabel()
    {
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<ShapeThumbnail>(p => p
            .Add(c => c.ImageUrl, "/img.png").Add(c => c.Shapes, Shapes).Add(c => c.Size, new ImageSize(200, 150))
            .Add(c => c.LabelNames, ["dog", "cat"]).Add(c => c.ObjectName, "7"));
        Assert.Empty(dialogs.FindAll("[data-testid=shape-preview]"));

        cut.Find("[data-testid=shape-thumb]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal(3, dialogs.Find("[data-testid=shape-preview-svg]").QuerySelectorAll("[data-label]").Length));
        var legend = dialogs.Find("[data-testid=shape-legend]").TextContent;
        Assert.Contains("cat × 2", legend, StringComparison.Ordinal);
        Assert.Contains("dog × 1", legend, StringComparison.Ordinal);
    }
}
