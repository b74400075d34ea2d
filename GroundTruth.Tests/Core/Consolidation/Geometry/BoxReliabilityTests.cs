using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Tests.Core.Consolidation.Geometry;

public class BoxReliabilityTests
{
    [Fact]
    public void Estimate_SpammerAmongCarefulWorkers_GetsTheLowestWeight()
    {
        var random = new Random(7);
        var images = new List<IReadOnlyList<WorkerAnnotations<Box>>>();
        for (var i = 0; i < 30; i++)
        {
            var truth = new Box("cat", random.Next(0, 400), random.Next(0, 400), 60, 40);
            var answers = new List<WorkerAnnotations<Box>>();
            foreach (var id in new[] { "a", "b", "c" })
            {
                answers.Add(new WorkerAnnotations<Box>(id, [truth with { Left = truth.Left + random.Next(-3, 4) }]));
            }

            answers.Add(new WorkerAnnotations<Box>("spammer", [new Box("dog", random.Next(0, 400), random.Next(0, 400), 30, 30)]));
            images.Add(answers);
        }

        var weights = BoxReliability.Estimate(images, iterations: 3);

        Assert.True(weights["spammer"] < 0.1, $"spammer weight {weights["spammer"]}");
        Assert.All(new[] { "a", "b", "c" }, id => Assert.True(weights[id] > 0.8, $"{id} weight {weights[id]}"));
    }

    [Fact]
    public void PanopticQuality_BothEmpty_IsOne()
    {
        Assert.Equal(1, BoxReliability.PanopticQuality([], [], 0.5));
    }

    [Fact]
    public void PanopticQuality_OneMatchOneMiss_IsIouOverTpPlusHalfErrors()
    {
        var consensus = new[]
        {
            new ConsolidatedBox(new Box("cat", 0, 0, 10, 10), 1, ["a"]),
            new ConsolidatedBox(new Box("cat", 50, 50, 10, 10), 1, ["a"]),
        };

        var pq = BoxReliability.PanopticQuality([new Box("cat", 0, 0, 10, 10)], consensus, 0.5);

        Assert.Equal(1 / 1.5, pq, 9);
    }
}
