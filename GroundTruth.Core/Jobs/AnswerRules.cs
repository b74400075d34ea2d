using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation;

namespace GroundTruth.Core.Jobs;

/// <summary>Checks a worker's answer (the crowd element's output object) against the job before it is recorded.</summary>
public static class AnswerRules
{
    /// <summary>Largest answer accepted, in characters of JSON (room for a segmentation mask of a large image).</summary>
    public const int MaxAnswerCharacters = 16 * 1024 * 1024;

    /// <summary>Validates <paramref name="answer"/> for a job of <paramref name="type"/> with <paramref name="labels"/>.</summary>
    /// <param name="type">The job's task type.</param>
    /// <param name="labels">The job's label categories.</param>
    /// <param name="answer">The answer content, e.g. <c>{"crowd-classifier":{"label":"positive"}}</c>.</param>
    /// <param name="manifestLine">The data object's input line, for rules that depend on it (text length, image size).</param>
    /// <param name="image">The image's size recorded at import, for rules on image coordinates.</param>
    /// <returns>The problem, or <c>null</c> when the answer is acceptable.</returns>
    public static string? Validate(TaskTypeDescriptor type, IReadOnlyList<LabelCategory> labels, JsonObject answer, string manifestLine, ImageSize? image = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (answer[type.CrowdElement] is not JsonObject)
        {
            return $"The answer must be an object under \"{type.CrowdElement}\".";
        }

        return type.WorkerUi switch
        {
            WorkerUi.Classification => ClassificationAnswer.Validate(type, labels, ClassificationAnswer.Read(answer)),
            WorkerUi.TextSpans => ValidateSpans(labels, answer, manifestLine),
            WorkerUi.LabelVerification => Review.VerificationAnswer.Validate(type, labels, answer),
            WorkerUi.ImageCanvas when ImageShapeAnswer.KindOf(type) is { } kind =>
                ImageShapeAnswer.Validate(kind, labels, (JsonObject)answer[type.CrowdElement]!, image),
            _ => $"Answers for {type.DisplayName} cannot be checked.",
        };
    }

    private static string? ValidateSpans(IReadOnlyList<LabelCategory> labels, JsonObject answer, string manifestLine)
    {
        var (entities, error) = TextSpanAnswer.Read(answer);
        if (error is not null)
        {
            return error;
        }

        var text = TextSpanAnswer.ReadSource(manifestLine);
        return text is null
            ? "This data object has no text to label."
            : TextSpanAnswer.Validate(labels, text, entities);
    }
}
