using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Review;

/// <summary>
/// A label verification answer in <c>crowd-image-classifier</c>'s output shape with its worker-comment region,
/// <c>{"crowd-image-classifier":{"label":"Correct","workerComment":"…"}}</c> (the comment omitted when empty), and
/// the <c>worker-feedback</c> Ground Truth writes from the comments [DG:sms-data-output, label verification].
/// </summary>
public static class VerificationAnswer
{
    /// <summary>Longest comment a worker may leave.</summary>
    public const int MaxCommentLength = 2000;

    /// <summary>Builds the answer for the chosen category and comment.</summary>
    public static JsonObject Create(TaskTypeDescriptor type, string category, string? comment)
    {
        ArgumentNullException.ThrowIfNull(type);
        var inner = new JsonObject { ["label"] = category };
        if (!string.IsNullOrWhiteSpace(comment))
        {
            inner["workerComment"] = comment.Trim();
        }

        return new JsonObject { [type.CrowdElement] = inner };
    }

    /// <summary>Checks the category (one of the job's) and the comment (a string of at most <see cref="MaxCommentLength"/> characters).</summary>
    /// <returns>The problem, or <c>null</c>.</returns>
    public static string? Validate(TaskTypeDescriptor type, IReadOnlyList<LabelCategory> labels, JsonObject answer)
    {
        ArgumentNullException.ThrowIfNull(type);
        var problem = ClassificationAnswer.Validate(type, labels, ClassificationAnswer.Read(answer));
        if (problem is not null)
        {
            return problem;
        }

        return answer[type.CrowdElement]?["workerComment"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var comment) => comment.Length > MaxCommentLength
                ? $"A comment has at most {MaxCommentLength:N0} characters; this one has {comment.Length:N0}."
                : null,
            _ => "\"workerComment\" must be a string.",
        };
    }

    /// <summary>The comment in an answer, or <c>null</c> when there is none or it is blank.</summary>
    public static string? ReadComment(JsonObject answerContent)
    {
        foreach (var (_, value) in answerContent)
        {
            if (value is JsonObject inner && inner["workerComment"] is JsonValue v && v.TryGetValue<string>(out var comment) && !string.IsNullOrWhiteSpace(comment))
            {
                return comment.Trim();
            }
        }

        return null;
    }

    /// <summary>
    /// Adds <c>worker-feedback</c> (<c>[{"comment": …}]</c>, in answer order) to <paramref name="metadata"/> when any
    /// worker left a comment; Ground Truth leaves the key out otherwise.
    /// </summary>
    public static void AddWorkerFeedback(JsonObject metadata, IEnumerable<JsonObject> answerContents)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var comments = answerContents.Select(ReadComment).OfType<string>().ToList();
        if (comments.Count > 0)
        {
            metadata["worker-feedback"] = new JsonArray([.. comments.Select(c => (JsonNode)new JsonObject { ["comment"] = c })]);
        }
    }
}
