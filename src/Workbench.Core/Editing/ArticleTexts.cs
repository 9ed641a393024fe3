using Workbench.Core.Text;

namespace Workbench.Core.Editing;

/// <summary>
/// An article's text as <see cref="ArticleText"/> joins it (blocks in order, lines joined CJK-aware) with the map from
/// line anchors to UTF-16 offsets in that text, so entity ranges can be given in article coordinates.
/// </summary>
public sealed class ArticleTextMap
{
    private readonly IReadOnlyDictionary<int, LineSpan> _lines;

    internal ArticleTextMap(int articleKey, string text, IReadOnlyDictionary<int, LineSpan> lines)
    {
        ArticleKey = articleKey;
        Text = text;
        _lines = lines;
    }

    public int ArticleKey { get; }

    /// <summary>The joined article text.</summary>
    public string Text { get; }

    /// <summary>Where each line of the article went in <see cref="Text"/> (blank lines keep nothing: length 0).</summary>
    public IReadOnlyDictionary<int, LineSpan> Lines => _lines;

    /// <summary>
    /// The UTF-16 offset in <see cref="Text"/> of a position in a line of this article, or null when the line is not in it.
    /// Positions in trimmed whitespace or a removed end-of-line hyphen clamp to the nearest kept character.
    /// </summary>
    public int? OffsetOf(Anchor anchor) => _lines.TryGetValue(anchor.Line, out var span) ? span.Map(anchor.Offset) : null;

    /// <summary>The entity's range in <see cref="Text"/>, or null when it is not in this article.</summary>
    public (int Start, int End)? RangeOf(EntityState entity) =>
        OffsetOf(entity.Start) is { } start && OffsetOf(entity.End) is { } end ? (start, end) : null;
}

public static class ArticleTexts
{
    /// <summary>The text of article <paramref name="articleKey"/> with its anchor map, or null when there is no such article.</summary>
    public static ArticleTextMap? Build(PageState state, int articleKey)
    {
        var article = state.FindArticle(articleKey);
        if (article is null)
        {
            return null;
        }

        var blockTexts = new List<string>();
        var lines = new Dictionary<int, LineSpan>();
        var offset = 0;
        foreach (var block in article.Blocks)
        {
            var numbers = Enumerable.Range(block.FirstLine, block.LastLine - block.FirstLine + 1).Where(state.Lines.ContainsKey).ToList();
            var joined = ArticleText.JoinLinesMapped([.. numbers.Select(n => state.Lines[n].Text)]);
            if (joined.Text.Length > 0 && blockTexts.Count > 0)
            {
                offset += ArticleText.BlockSeparator.Length;
            }

            for (var i = 0; i < numbers.Count; i++)
            {
                var span = joined.Spans[i];
                lines[numbers[i]] = span with { TextStart = span.TextStart + offset };
            }

            if (joined.Text.Length > 0)
            {
                blockTexts.Add(joined.Text);
                offset += joined.Text.Length;
            }
        }

        var text = ArticleText.JoinBlocks(blockTexts);
        return new ArticleTextMap(articleKey, text, lines);
    }
}
