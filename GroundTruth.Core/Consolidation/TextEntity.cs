namespace GroundTruth.Core.Consolidation;

/// <summary>One labeled span of text, as <c>crowd-entity-annotation</c> reports it.</summary>
/// <param name="Label">The label's name.</param>
/// <param name="StartOffset">The first code point of the span (0-based).</param>
/// <param name="EndOffset">The code point after the span (exclusive end).</param>
public sealed record TextEntity(string Label, int StartOffset, int EndOffset);
