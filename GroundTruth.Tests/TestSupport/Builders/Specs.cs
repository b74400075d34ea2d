using System.Text;
using System.Text.Json;
using GroundTruth.Core.Images;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.TestSupport.Builders;

public static class Specs
{
    private static int _counter;

    public static string UniqueName(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static JobSpec Text(Guid teamId, TaskType type = TaskType.TextClassification, int workers = 1, string? name = null) => new()
    {
        Name = name ?? UniqueName("text"),
        LabelAttributeName = "sentiment",
        TaskType = type,
        Labels = [new("positive"), new("negative"), new("neutral")],
        ShortInstructions = "Pick the sentiment.",
        WorkTeamId = teamId,
        WorkersPerObject = workers,
        TaskTimeLimitSeconds = 60,
    };

    public static JobSpec Image(Guid teamId, int workers = 1, string? name = null) => new()
    {
        Name = name ?? UniqueName("image"),
        LabelAttributeName = "shape",
        TaskType = TaskType.ImageClassification,
        Labels = [.. SampleImages.Shapes.Select(s => new LabelCategory(s))],
        WorkTeamId = teamId,
        WorkersPerObject = workers,
        TaskTimeLimitSeconds = 60,
    };

    public static string TextManifest(int count) =>
        string.Join('\n', Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(new Dictionary<string, object> { ["source"] = $"text number {i}", ["id"] = i })));

    /// <summary>Writes <paramref name="count"/> shape images under <paramref name="dataFolder"/>/objects and returns a manifest naming them.</summary>
    public static string ImageManifest(string dataFolder, int count)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var shape = SampleImages.Shapes[i % SampleImages.Shapes.Count];
            var key = $"test-images/{Guid.NewGuid():N}-{shape}.png";
            var path = Path.Combine(dataFolder, "objects", key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, SampleImages.Draw(shape, i, 64, 48));
            lines.AppendLine(JsonSerializer.Serialize(new Dictionary<string, string> { ["source-ref"] = key, ["truth"] = shape }));
        }

        return lines.ToString();
    }
}
