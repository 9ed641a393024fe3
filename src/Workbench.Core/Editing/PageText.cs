using System.Text;

namespace Workbench.Core.Editing;

/// <summary>Page text in line coordinates: the single definition of what text lies between two anchors.</summary>
public static class PageText
{
    /// <summary>Lines are joined with this between them when a range crosses a line break.</summary>
    public const char LineBreak = '\n';

    /// <summary>Whether <paramref name="offset"/> is a valid UTF-16 position in <paramref name="text"/> that does not split a surrogate pair.</summary>
    public static bool IsBoundary(string text, int offset) =>
        offset >= 0
        && offset <= text.Length
        && !(offset > 0 && offset < text.Length && char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]));

    /// <summary>Whether the anchor names an existing line and a boundary in its current text.</summary>
    public static bool IsValid(PageState state, Anchor anchor) =>
        state.Lines.TryGetValue(anchor.Line, out var line) && IsBoundary(line.Text, anchor.Offset);

    /// <summary>
    /// The current page text from <paramref name="start"/> to <paramref name="end"/> (end exclusive), lines joined with
    /// <see cref="LineBreak"/>; null when an anchor is invalid, a line in between is missing, or start is after end.
    /// </summary>
    public static string? Slice(PageState state, Anchor start, Anchor end)
    {
        if (start > end || !IsValid(state, start) || !IsValid(state, end))
        {
            return null;
        }

        var first = state.Lines[start.Line].Text;
        if (start.Line == end.Line)
        {
            return first[start.Offset..end.Offset];
        }

        var text = new StringBuilder(first, start.Offset, first.Length - start.Offset, first.Length);
        for (var n = start.Line + 1; n < end.Line; n++)
        {
            if (!state.Lines.TryGetValue(n, out var middle))
            {
                return null;
            }

            text.Append(LineBreak).Append(middle.Text);
        }

        return text.Append(LineBreak).Append(state.Lines[end.Line].Text, 0, end.Offset).ToString();
    }
}
