namespace Workbench.Core.Text;

/// <summary>.NET and JavaScript count UTF-16 units; exported offsets count Unicode code points.</summary>
public static class CodePoints
{
    /// <summary>The code-point offset of a UTF-16 offset in <paramref name="text"/>.</summary>
    public static int FromUtf16(string text, int utf16Offset)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utf16Offset, text.Length);
        var count = 0;
        for (var i = 0; i < utf16Offset; i++)
        {
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The UTF-16 offset of a code-point offset in <paramref name="text"/>.</summary>
    public static int ToUtf16(string text, int codePointOffset)
    {
        var i = 0;
        for (var seen = 0; seen < codePointOffset; seen++)
        {
            if (i >= text.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(codePointOffset));
            }

            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        }

        return i;
    }

    public static int Count(string text) => FromUtf16(text, text.Length);
}
