using System.Text.Json.Nodes;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// The result of consolidating one object's answers: the label value written under the label attribute, and the
/// task-specific metadata fields (e.g. <c>class-name</c> and <c>confidence</c>). The common fields
/// (<c>type</c>, <c>job-name</c>, <c>human-annotated</c>, <c>creation-date</c>) are added by <see cref="LabelMetadata"/>.
/// </summary>
/// <param name="Label">The label value.</param>
/// <param name="Metadata">The task-specific metadata fields.</param>
public sealed record ConsolidatedAnnotation(JsonNode Label, JsonObject Metadata);
