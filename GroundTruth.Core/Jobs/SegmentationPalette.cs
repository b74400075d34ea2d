using System.Globalization;

namespace GroundTruth.Core.Jobs;

/// <summary>
/// The fixed colours of semantic-segmentation labels: background (class 0) is white, and the job's label <c>i</c>
/// (0-based) is class <c>i + 1</c> with colour <see cref="Colors"/>[i]. The worker's canvas paints with these colours,
/// the worker's and the consolidated mask PNGs use them as their palette, and the output's <c>internal-color-map</c>
/// lists them, so colour-based and index-based readers agree.
/// </summary>
/// <remarks>The first ten are the crowd elements' (d3 category10) colours, then category20's light tones, tab20b and
/// part of tab20c: 50 distinct colours, none white.</remarks>
public static class SegmentationPalette
{
    /// <summary>The background colour (class 0), as Ground Truth writes it.</summary>
    public const string BackgroundColor = "#ffffff";

    /// <summary>The background class name, as Ground Truth writes it.</summary>
    public const string BackgroundName = "BACKGROUND";

    /// <summary>Label colours in label order.</summary>
    public static IReadOnlyList<string> Colors { get; } =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5",
        "#393b79", "#5254a3", "#6b6ecf", "#9c9ede", "#637939", "#8ca252", "#b5cf6b", "#cedb9c", "#8c6d31", "#bd9e39",
        "#e7ba52", "#e7cb94", "#843c39", "#ad494a", "#d6616b", "#e7969c", "#7b4173", "#a55194", "#ce6dbd", "#de9ed6",
        "#3182bd", "#6baed6", "#9ecae1", "#c6dbef", "#e6550d", "#fd8d3c", "#fdae6b", "#fdd0a2", "#31a354", "#74c476",
    ];

    /// <summary>Most labels a segmentation job may have (one colour each).</summary>
    public static int MaxLabels => Colors.Count;

    /// <summary>The colour of the label at <paramref name="labelIndex"/> (0-based, class <c>labelIndex + 1</c>).</summary>
    public static string ColorOf(int labelIndex) => Colors[labelIndex % Colors.Count];

    /// <summary>The PNG palette for <paramref name="labelCount"/> labels: white, then each label's colour, as RGB bytes.</summary>
    public static byte[] Rgb(int labelCount) => Rgb([.. Enumerable.Range(0, labelCount).Select(ColorOf)]);

    /// <summary>The PNG palette for labels of the given colours (<c>#rrggbb</c>): white, then each colour, as RGB bytes.</summary>
    public static byte[] Rgb(IReadOnlyList<string> labelColors)
    {
        ArgumentNullException.ThrowIfNull(labelColors);
        var rgb = new byte[(labelColors.Count + 1) * 3];
        for (var i = 0; i <= labelColors.Count; i++)
        {
            var hex = i == 0 ? BackgroundColor : labelColors[i - 1];
            rgb[i * 3] = byte.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            rgb[(i * 3) + 1] = byte.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            rgb[(i * 3) + 2] = byte.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return rgb;
    }
}
