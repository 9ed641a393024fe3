using System.Globalization;
using System.Text;

namespace Workbench.Core.Text;

/// <summary>
/// Joins OCR lines into readable text. Column OCR cuts lines every few characters, so a line break
/// between two CJK characters is no space at all; Latin words hyphenated at a line end are rejoined.
/// </summary>
public static class ArticleText
{
    /// <summary>Joins the lines of one block. Blank lines inside a block end a paragraph only after sentence-final punctuation.</summary>
    public static string JoinLines(IEnumerable<string> lines) => Join(lines, spans: null);

    /// <summary>
    /// Joins the lines of one block exactly like <see cref="JoinLines"/> and also says where each input line ended up:
    /// <c>Spans[i]</c> is the part of line i that was kept and its position in the text.
    /// </summary>
    public static JoinedLines JoinLinesMapped(IReadOnlyList<string> lines)
    {
        var spans = new List<LineSpan>(lines.Count);
        var text = Join(lines, spans);
        return new JoinedLines(text, spans);
    }

    /// <summary>Joins the texts of an article's blocks (each already joined by <see cref="JoinLines"/>): one paragraph per non-empty block.</summary>
    public static string JoinBlocks(IEnumerable<string> blockTexts) => string.Join(BlockSeparator, blockTexts.Where(b => b.Length > 0));

    /// <summary>What separates two blocks in article text.</summary>
    public const string BlockSeparator = "\n";

    private static string Join(IEnumerable<string> lines, List<LineSpan>? spans)
    {
        var text = new StringBuilder();
        var pendingBreak = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                pendingBreak = text.Length > 0 && EndsSentence(text);
                spans?.Add(new LineSpan(text.Length, 0, 0));
                continue;
            }

            if (text.Length > 0)
            {
                if (pendingBreak)
                {
                    text.Append('\n');
                }
                else if (AppendJoint(text, line) && spans is not null)
                {
                    // The hyphen at the end of the last non-blank line was removed.
                    var last = spans.FindLastIndex(x => x.Length > 0);
                    spans[last] = spans[last] with { Length = spans[last].Length - 1 };
                }
            }

            spans?.Add(new LineSpan(text.Length, raw.Length - raw.TrimStart().Length, line.Length));
            text.Append(line);
            pendingBreak = false;
        }

        return text.ToString();
    }

    /// <summary>What goes between the text so far and the next line: nothing, a space, or a removed hyphen (returns true).</summary>
    private static bool AppendJoint(StringBuilder text, string next)
    {
        var last = text[^1];
        var first = CodePointAt(next, 0);
        if (IsLineEndHyphen(last) && text.Length >= 2 && char.IsLetter(text[^2]) && char.IsLower(next[0]))
        {
            // "infor-" + "mation": a word broken at the margin. A capital after the hyphen ("Anglo-" + "Saxon") keeps it.
            text.Length--;
            return true;
        }

        if (last == '\u00AD')
        {
            text.Length--;
            return true;
        }

        if (IsLineEndHyphen(last) && text.Length >= 2 && char.IsLetter(text[^2]) && char.IsLetter(next[0]))
        {
            return false;
        }

        if (IsCjk(text, text.Length - 1) || IsCjkCodePoint(first) || IsClosingOrCjkPunctuation(next[0]))
        {
            return false;
        }

        text.Append(' ');
        return false;
    }

    private static bool IsLineEndHyphen(char c) => c is '-' or '\u2010';

    private static int CodePointAt(string s, int index) =>
        char.IsHighSurrogate(s[index]) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1])
            ? char.ConvertToUtf32(s[index], s[index + 1])
            : s[index];

    private static bool EndsSentence(StringBuilder text)
    {
        var last = text[^1];
        return last is '。' or '！' or '？' or '”' or '」' or '.' or '!' or '?' or '）' or ')' or '：' or ':';
    }

    private static bool IsCjk(StringBuilder text, int index)
    {
        var c = text[index];
        if (char.IsLowSurrogate(c) && index > 0 && char.IsHighSurrogate(text[index - 1]))
        {
            return IsCjkCodePoint(char.ConvertToUtf32(text[index - 1], c));
        }

        return IsCjkCodePoint(c);
    }

    public static bool IsCjkCodePoint(int cp) =>
        cp is >= 0x2E80 and <= 0x9FFF      // radicals, kana, CJK unified, punctuation
        or >= 0xAC00 and <= 0xD7AF         // Hangul
        or >= 0xF900 and <= 0xFAFF         // compatibility ideographs
        or >= 0xFE30 and <= 0xFE4F         // vertical forms
        or >= 0xFF00 and <= 0xFFEF         // full-width forms and punctuation
        or >= 0x20000 and <= 0x3FFFF;      // extension planes (𠀀)

    private static bool IsClosingOrCjkPunctuation(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.ClosePunctuation or UnicodeCategory.OtherPunctuation
        && c is not '"' and not '\'';
}

/// <summary>
/// Where one input line went in joined text: the characters <c>[SourceStart, SourceStart + Length)</c> of the line
/// appear at <c>[TextStart, TextStart + Length)</c> of the text. Blank lines keep nothing (Length 0).
/// </summary>
public readonly record struct LineSpan(int TextStart, int SourceStart, int Length)
{
    /// <summary>The text offset of a UTF-16 offset in the line; offsets in trimmed or removed characters clamp to the kept part.</summary>
    public int Map(int lineOffset) => TextStart + Math.Clamp(lineOffset - SourceStart, 0, Length);
}

/// <summary>Joined text with one <see cref="LineSpan"/> per input line.</summary>
public sealed record JoinedLines(string Text, IReadOnlyList<LineSpan> Spans);
