using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;

namespace GroundTruth.Core.Consolidation;

/// <summary>Small pieces shared by the image-shape and span consolidators.</summary>
public static class ShapeConsolidation
{
    /// <summary>The weight share of the workers who drew nothing (0 when nobody answered).</summary>
    /// <typeparam name="T">The annotation type.</typeparam>
    /// <param name="answers">The workers' annotations.</param>
    /// <param name="weights">Weight per worker id (1 when missing).</param>
    public static double EmptyShare<T>(IReadOnlyList<WorkerAnnotations<T>> answers, IReadOnlyDictionary<string, double>? weights)
    {
        ArgumentNullException.ThrowIfNull(answers);
        double empty = 0, total = 0;
        foreach (var answer in answers)
        {
            var weight = WeightedStatistics.WeightOf(weights, answer.WorkerId);
            total += weight;
            if (answer.Items.Count == 0)
            {
                empty += weight;
            }
        }

        return total > 0 ? empty / total : 0;
    }

    /// <summary>The element outputs under <paramref name="crowdElement"/>, and the first image size any of them reports.</summary>
    /// <param name="answers">The workers' answers.</param>
    /// <param name="crowdElement">The crowd element's name, e.g. <c>crowd-polygon</c>.</param>
    public static (IReadOnlyList<JsonObject> Elements, ImageSize Size) Elements(IReadOnlyList<WorkerAnswer> answers, string crowdElement)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var elements = answers.Select(a => a.AnswerContent[crowdElement] as JsonObject ?? []).ToList();
        var size = elements.Select(ImageShapeAnswer.ReadImageSize).FirstOrDefault(s => s is not null) ?? new ImageSize(0, 0);
        return (elements, size);
    }
}
