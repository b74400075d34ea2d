using System.Text.Json.Nodes;

namespace GroundTruth.Core.Consolidation;

/// <summary>One worker's answer for one data object of a job, for job-wide consolidation.</summary>
/// <param name="ObjectId">The data object.</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="AnswerContent">The crowd element's output object.</param>
public sealed record ObjectAnswer(long ObjectId, string WorkerId, JsonObject AnswerContent);
