namespace GroundTruth.Core.Validation;

/// <summary>A problem with one input field, phrased so the person who typed it can fix it.</summary>
/// <param name="Field">The field's name as the form or API calls it, e.g. <c>LabelAttributeName</c> or <c>labels[2]</c>.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record FieldError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
