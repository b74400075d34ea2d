namespace GroundTruth.Core.Text;

/// <summary>
/// Converts between Unicode code-point offsets, which Ground Truth's text-span output uses
/// (<c>startOffset</c>, <c>endOffset</c>), and .NET's UTF-16 string indices. A character outside the Basic
/// Multilingual Plane (most emoji) is one code point but two UTF-16 units.
/// </summary>
public static class CodePoints
{
    /// <summary>The number of code points in <paramref name="text"/>; an unpaired surrogate counts as one.</summary>
    public static int Length(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsPairAt(text, i))
            {
                i++;
            }

            length++;
        }

        return length;
    }

    /// <summary>The UTF-16 index of code point <paramref name="offset"/> (0 to <see cref="Length"/>, inclusive).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is negative or past the end of the text.</exception>
    public static int ToUtf16Index(string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var index = 0;
        for (var counted = 0; counted < offset; counted++)
        {
            if (index >= text.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset is past the end of the text.");
            }

            index += IsPairAt(text, index) ? 2 : 1;
        }

        return index;
    }

    /// <summary>The characters between two code-point offsets (<paramref name="end"/> exclusive).</summary>
    public static string Slice(string text, int start, int end)
    {
        var from = ToUtf16Index(text, start);
        return text[from..ToUtf16Index(text, end)];
    }

    private static bool IsPairAt(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
}
