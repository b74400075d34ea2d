namespace GroundTruth.Core.Jobs;

/// <summary>Instructions for workers: a short panel beside the task and a full text in a dialog, with example images.</summary>
public sealed class JobInstructions
{
    /// <summary>Shown beside every task; scannable in seconds (plain text, line breaks kept).</summary>
    public string ShortText { get; set; } = "";

    /// <summary>Edge cases and details, shown in a dialog (plain text, line breaks kept).</summary>
    public string FullText { get; set; } = "";

    /// <summary>Storage keys of images that show good labeling.</summary>
    public List<string> GoodExampleKeys { get; set; } = [];

    /// <summary>Storage keys of images that show bad labeling.</summary>
    public List<string> BadExampleKeys { get; set; } = [];
}
