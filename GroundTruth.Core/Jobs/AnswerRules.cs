using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Segmentation;

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
            WorkerUi.ImageCanvas when type.CrowdElement == SegmentationMask.CrowdElement =>
                ValidateSegmentation((JsonObject)answer[type.CrowdElement]!, image),
            WorkerUi.LabelVerification => Review.VerificationAnswer.Validate(type, labels, answer),
            WorkerUi.ImageCanvas when ImageShapeAnswer.KindOf(type) is { } kind =>
                ImageShapeAnswer.Validate(kind, labels, (JsonObject)answer[type.CrowdElement]!, image),
            _ => $"Answers for {type.DisplayName} cannot be checked.",
        };
    }

    // The mask itself is checked by SegmentationMask.Check when it is uploaded and again when it is submitted; the
    // recorded answer must name the stored mask and the image's size.
    private static string? ValidateSegmentation(JsonObject element, ImageSize? image)
    {
        if (element["labeledImage"]?["pngImageRef"] is not JsonValue reference || !reference.TryGetValue<string>(out var key) || string.IsNullOrEmpty(key))
        {
            return "The answer has no mask (labeledImage).";
        }

        return image is { } size && ImageShapeAnswer.ReadImageSize(element) is { } claimed && claimed != size
            ? $"inputImageProperties says {claimed.Width} × {claimed.Height}, but the image is {size.Width} × {size.Height}."
            : null;
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
