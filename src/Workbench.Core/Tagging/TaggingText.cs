using System.Globalization;
using System.Text;
using Workbench.Core.Editing;
using Workbench.Core.Text;

namespace Workbench.Core.Tagging;

/// <summary>
/// The text of a run of consecutive non-blank lines, joined for matching: each line trimmed, nothing between two lines
/// when either side is CJK (column OCR breaks words anywhere) and one synthetic space between two Latin lines. Every
/// character knows the line and UTF-16 offset it came from, so matches map back to <see cref="Anchor"/>s.
/// </summary>
internal sealed class TaggingBlock
{
    private readonly int[] _lines;
    private readonly int[] _offsets;
    private bool[]? _boundaries;

    private TaggingBlock(int articleKey, string text, int[] lines, int[] offsets)
    {
        ArticleKey = articleKey;
        Text = text;
        _lines = lines;
        _offsets = offsets;
    }

    /// <summary>The article the lines belong to, or 0 for unassigned lines.</summary>
    public int ArticleKey { get; }

    public string Text { get; }

    /// <summary>Whether <paramref name="offset"/> starts a text element (never inside a surrogate pair or combining sequence).</summary>
    public bool IsBoundary(int offset)
    {
        _boundaries ??= TaggingText.Boundaries(Text);
        return offset >= 0 && offset <= Text.Length && _boundaries[offset];
    }

    /// <summary>The anchors of [start, end) in the joined text, or null when the range is empty, splits a text element or begins or ends on a synthetic space.</summary>
    public (Anchor Start, Anchor End)? Map(int start, int end)
    {
        if (start < 0 || end > Text.Length || start >= end || !IsBoundary(start) || !IsBoundary(end) || _lines[start] == 0 || _lines[end - 1] == 0)
        {
            return null;
        }

        return (new Anchor(_lines[start], _offsets[start]), new Anchor(_lines[end - 1], _offsets[end - 1] + 1));
    }

    public static TaggingBlock Join(PageState state, int articleKey, IReadOnlyList<int> lineNumbers)
    {
        var text = new StringBuilder();
        var lines = new List<int>();
        var offsets = new List<int>();
        foreach (var number in lineNumbers)
        {
            var line = state.Lines[number].Text;
            var (from, to) = TaggingText.Trimmed(line);
            if (from >= to)
            {
                continue;
            }

            if (text.Length > 0 && TaggingText.NeedsSpace(text, line, from))
            {
                text.Append(' ');
                lines.Add(0);
                offsets.Add(0);
            }

            text.Append(line, from, to - from);
            for (var i = from; i < to; i++)
            {
                lines.Add(number);
                offsets.Add(i);
            }
        }

        return new TaggingBlock(articleKey, text.ToString(), [.. lines], [.. offsets]);
    }
}

internal static class TaggingText
{
    /// <summary>The blocks of an article: its blocks in reading order, each split at blank lines.</summary>
    public static IEnumerable<TaggingBlock> ArticleBlocks(PageState state, ArticleState article)
    {
        foreach (var block in article.Blocks)
        {
            foreach (var run in NonBlankRuns(state, Enumerable.Range(block.FirstLine, block.LastLine - block.FirstLine + 1)))
            {
                yield return TaggingBlock.Join(state, article.Key, run);
            }
        }
    }

    /// <summary>Every article's blocks, then runs of consecutive unassigned lines (article key 0).</summary>
    public static IEnumerable<TaggingBlock> PageBlocks(PageState state)
    {
        foreach (var article in state.Articles)
        {
            foreach (var block in ArticleBlocks(state, article))
            {
                yield return block;
            }
        }

        var owners = state.LineOwners();
        foreach (var run in NonBlankRuns(state, state.Lines.Keys.Where(n => !owners.ContainsKey(n))))
        {
            yield return TaggingBlock.Join(state, 0, run);
        }
    }

    /// <summary>Splits ascending line numbers into runs of consecutive, existing, non-blank lines.</summary>
    private static IEnumerable<List<int>> NonBlankRuns(PageState state, IEnumerable<int> numbers)
    {
        var run = new List<int>();
        foreach (var n in numbers)
        {
            var blank = !state.Lines.TryGetValue(n, out var line) || string.IsNullOrWhiteSpace(line.Text);
            if (run.Count > 0 && (blank || n != run[^1] + 1))
            {
                yield return run;
                run = [];
            }

            if (!blank)
            {
                run.Add(n);
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>
    /// A text as the matcher sees it: line breaks (as in <see cref="PageText.Slice"/>) joined like page lines, so
    /// "乌兰\n察布市" becomes "乌兰察布市" and "New\nYork" "New York".
    /// </summary>
    public static string Normalize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var piece in text.Split(PageText.LineBreak))
        {
            var (from, to) = Trimmed(piece);
            if (from >= to)
            {
                continue;
            }

            if (result.Length > 0 && NeedsSpace(result, piece, from))
            {
                result.Append(' ');
            }

            result.Append(piece, from, to - from);
        }

        return result.ToString();
    }

    public static (int From, int To) Trimmed(string line)
    {
        var from = 0;
        var to = line.Length;
        while (from < to && char.IsWhiteSpace(line[from]))
        {
            from++;
        }

        while (to > from && char.IsWhiteSpace(line[to - 1]))
        {
            to--;
        }

        return (from, to);
    }

    /// <summary>A space goes between two joined lines only when neither side is CJK, the first does not end with a hyphen and the next does not open with punctuation.</summary>
    public static bool NeedsSpace(StringBuilder before, string next, int at)
    {
        var last = before[^1];
        var lastCp = char.IsLowSurrogate(last) && before.Length > 1 && char.IsHighSurrogate(before[^2]) ? char.ConvertToUtf32(before[^2], last) : last;
        var firstCp = char.IsHighSurrogate(next[at]) && at + 1 < next.Length && char.IsLowSurrogate(next[at + 1]) ? char.ConvertToUtf32(next[at], next[at + 1]) : next[at];
        if (ArticleText.IsCjkCodePoint(lastCp) || ArticleText.IsCjkCodePoint(firstCp) || last is '-' or '\u2010' or '\u00AD')
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(next[at]) is not (UnicodeCategory.ClosePunctuation or UnicodeCategory.OtherPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark);
    }

    /// <summary>boundaries[i] is true when offset i starts a text element of <paramref name="text"/> (or is its end).</summary>
    public static bool[] Boundaries(string text)
    {
        var boundaries = new bool[text.Length + 1];
        var i = 0;
        while (i < text.Length)
        {
            boundaries[i] = true;
            i += Math.Max(1, StringInfo.GetNextTextElementLength(text, i));
        }

        boundaries[text.Length] = true;
        return boundaries;
    }

    /// <summary>The nearest text-element boundary at or before <paramref name="offset"/>.</summary>
    public static int SnapDown(TaggingBlock block, int offset)
    {
        while (offset > 0 && !block.IsBoundary(offset))
        {
            offset--;
        }

        return offset;
    }

    /// <summary>The nearest text-element boundary at or after <paramref name="offset"/>.</summary>
    public static int SnapUp(TaggingBlock block, int offset)
    {
        while (offset < block.Text.Length && !block.IsBoundary(offset))
        {
            offset++;
        }

        return offset;
    }

    /// <summary>Whether the code point at <paramref name="index"/> is a CJK ideograph (not CJK punctuation or full-width forms).</summary>
    public static bool IsIdeograph(string text, int index, out int length)
    {
        var cp = (int)text[index];
        length = 1;
        if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            cp = char.ConvertToUtf32(text[index], text[index + 1]);
            length = 2;
        }

        return IsIdeograph(cp);
    }

    public static bool IsIdeograph(int cp) =>
        cp is >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF or 0x3007;
}
