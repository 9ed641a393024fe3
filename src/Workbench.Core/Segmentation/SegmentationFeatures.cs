using System.Globalization;
using Workbench.Core.Pages;

namespace Workbench.Core.Segmentation;

/// <summary>One non-blank line's features for a learned model: what the rules decided about it, its text and its layout.</summary>
public sealed record LineFeatureRow(int Line, float[] Values);

/// <summary>One article's features for the confidence model: how sure the boundaries around it are and what it holds.</summary>
public sealed record ArticleFeatureRow(int Article, float[] Values);

/// <summary>
/// Features for the learned layer over the rules (see <see cref="Refinement"/>). Pure and deterministic; the same page and rules output
/// give the same numbers. Categorical values (roles, kinds) are small integers: tree learners split on them.
/// </summary>
public static class SegmentationFeatures
{
    public static readonly IReadOnlyList<string> LineNames =
    [
        "rulesStarts", "rulesRole", "rulesConfidence", "length", "endsSentence", "headlineShaped", "strongHeadline", "kind", "latin",
        "relativeSize", "gapAbove", "column", "regionRole", "startsRegion", "previousSize", "nextSize", "previousEndsSentence",
        "previousLength", "nextLength", "left", "width", "top", "blankBefore", "firstCharacter", "previousRole", "nextKind",
        "headingLevel", "hasLayout", "sizeOverPrevious", "articleLines", "positionInArticle", "endsArticle", "byline", "indented",
        "dashLead", "lastCharacter", "digits", "nextStartsRegion", "sameRegionAsPrevious", "hasBox",
    ];

    /// <summary>The index of "hasLayout" among <see cref="LineNames"/>.</summary>
    public const int HasLayoutIndex = 27;

    public static readonly IReadOnlyList<string> ArticleNames =
    [
        "opening", "closing", "innerMax", "lines", "hasTitle", "rulesConfidence", "headlinesInBody", "firstRole", "changed", "columns", "hasLayout",
    ];

    /// <summary>Every non-blank line of the page in reading order with its features, given the rules' segmentation of the page.</summary>
    public static IReadOnlyList<LineFeatureRow> Lines(PageSegmentation rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var page = rules.Page;
        var lines = LineClassifier.Classify(page);
        var layout = LayoutProfile.Of(page);
        var articleOf = new int[page.Lines.Count + 1];
        var roleOf = new BlockRole?[page.Lines.Count + 1];
        var starts = new HashSet<int>();
        var sizes = new int[rules.Articles.Count];
        var index = new Dictionary<int, int>();
        for (var a = 0; a < rules.Articles.Count; a++)
        {
            var numbers = Numbers(rules.Articles[a]).Where(n => n >= 1 && n <= page.Lines.Count && !lines[n - 1].IsBlank).Order().ToList();
            sizes[a] = numbers.Count;
            if (numbers.Count > 0)
            {
                starts.Add(numbers[0]);
            }

            for (var k = 0; k < numbers.Count; k++)
            {
                articleOf[numbers[k]] = a + 1;
                index[numbers[k]] = k;
            }

            foreach (var block in rules.Articles[a].Blocks)
            {
                for (var n = Math.Max(1, block.FirstLine); n <= Math.Min(page.Lines.Count, block.LastLine); n++)
                {
                    roleOf[n] = block.Role;
                }
            }
        }

        var text = lines.Where(l => !l.IsBlank).ToList();
        var rows = new List<LineFeatureRow>(text.Count);
        var width = page.Width is > 0 ? page.Width.Value : Math.Max(1, page.Lines.Max(l => l.Box?.Right ?? 0));
        var height = page.Height is > 0 ? page.Height.Value : Math.Max(1, page.Lines.Max(l => l.Box?.Bottom ?? 0));
        for (var i = 0; i < text.Count; i++)
        {
            var line = text[i];
            var source = page.Line(line.Number);
            var previous = i > 0 ? text[i - 1] : null;
            var next = i + 1 < text.Count ? text[i + 1] : null;
            var box = source.Box;
            var article = articleOf[line.Number];
            var values = new float[LineNames.Count];
            values[0] = starts.Contains(line.Number) ? 1 : 0;
            values[1] = (int?)roleOf[line.Number] ?? -1;
            values[2] = article > 0 ? (float)rules.Articles[article - 1].Confidence : 0;
            values[3] = line.Length;
            values[4] = line.EndsSentence ? 1 : 0;
            values[5] = line.HeadlineShaped ? 1 : 0;
            values[6] = line.StrongHeadline ? 1 : 0;
            values[7] = (int)line.Kind;
            values[8] = line.Latin ? 1 : 0;
            values[9] = (float)layout.RelativeSize(line.Number);
            values[10] = (float)layout.GapAbove(line.Number);
            values[11] = layout.Column(line.Number);
            values[12] = source.RegionRole is { } regionRole ? (int)regionRole : -1;
            values[13] = previous is null || page.Line(previous.Number).RegionId != source.RegionId || line.Number - previous.Number > 1 ? 1 : 0;
            values[14] = previous is null ? 0 : (float)layout.RelativeSize(previous.Number);
            values[15] = next is null ? 0 : (float)layout.RelativeSize(next.Number);
            values[16] = previous is null ? 1 : previous.EndsSentence || previous.EndsArticle ? 1 : 0;
            values[17] = previous?.Length ?? 0;
            values[18] = next?.Length ?? 0;
            values[19] = box is { } b1 ? (float)b1.X / width : -1;
            values[20] = box is { } b2 ? (float)b2.Width / width : -1;
            values[21] = box is { } b3 ? (float)b3.Y / height : -1;
            values[22] = line.Number > 1 && page.Line(line.Number - 1).IsBlank ? 1 : 0;
            values[23] = CharacterClass(line.Content, first: true);
            values[24] = previous is not null && roleOf[previous.Number] is { } previousRole ? (int)previousRole : -1;
            values[25] = next is null ? -1 : (int)next.Kind;
            values[26] = line.HeadingLevel;
            values[27] = layout.HasLayout ? 1 : 0;
            values[28] = previous is not null && layout.RelativeSize(previous.Number) > 0 ? (float)(layout.RelativeSize(line.Number) / layout.RelativeSize(previous.Number)) : 0;
            values[29] = article > 0 ? sizes[article - 1] : 0;
            values[30] = article > 0 && sizes[article - 1] > 0 ? (float)index.GetValueOrDefault(line.Number) / sizes[article - 1] : 0;
            values[31] = line.EndsArticle ? 1 : 0;
            values[32] = line.IsByline ? 1 : 0;
            values[33] = line.Indented ? 1 : 0;
            values[34] = line.DashLead ? 1 : 0;
            values[35] = CharacterClass(line.Content, first: false);
            values[36] = line.Content.Count(char.IsDigit);
            values[37] = next is null || page.Line(next.Number).RegionId != source.RegionId || next.Number - line.Number > 1 ? 1 : 0;
            values[38] = previous is not null && source.RegionId is not null && page.Line(previous.Number).RegionId == source.RegionId ? 1 : 0;
            values[39] = box is null ? 0 : 1;
            rows.Add(new LineFeatureRow(line.Number, values));
        }

        return rows;
    }

    /// <summary>
    /// Features of each article of <paramref name="segmentation"/> for the confidence model, given each line's probability of opening an
    /// article (<paramref name="boundary"/>, by line number; lines not in it count as the rules say) and the rules' segmentation it came from.
    /// </summary>
    public static IReadOnlyList<ArticleFeatureRow> Articles(PageSegmentation segmentation, PageSegmentation rules, IReadOnlyDictionary<int, float> boundary)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(boundary);
        var page = segmentation.Page;
        var layout = LayoutProfile.Of(page);
        var rulesSets = rules.Articles.Select(a => string.Join(',', Numbers(a).Where(n => !page.Line(n).IsBlank).Order())).ToHashSet(StringComparer.Ordinal);
        var sets = segmentation.Articles.Select(a => Numbers(a).Where(n => n >= 1 && n <= page.Lines.Count && !page.Line(n).IsBlank).Order().ToList()).ToList();
        var firsts = sets.Where(s => s.Count > 0).Select(s => s[0]).Order().ToList();
        var rows = new List<ArticleFeatureRow>();
        for (var a = 0; a < segmentation.Articles.Count; a++)
        {
            var article = segmentation.Articles[a];
            var set = sets[a];
            var values = new float[ArticleNames.Count];
            if (set.Count > 0)
            {
                var next = firsts.FirstOrDefault(f => f > set[^1]);
                values[0] = boundary.GetValueOrDefault(set[0], 1);
                values[1] = next == 0 ? 1 : boundary.GetValueOrDefault(next, 1);
                values[2] = set.Skip(1).Select(n => boundary.GetValueOrDefault(n, 0)).DefaultIfEmpty(0).Max();
                values[3] = set.Count;
                values[4] = article.Title.Length > 0 ? 1 : 0;
                values[6] = layout.HasLayout
                    ? article.Blocks.Where(b => b.Role is not (BlockRole.Headline or BlockRole.Kicker or BlockRole.Subheadline or BlockRole.Other)).Sum(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1).Count(layout.IsHeadlineSized))
                    : 0;
                values[7] = (int)article.Blocks[0].Role;
                values[8] = rulesSets.Contains(string.Join(',', set)) ? 0 : 1;
                values[9] = set.Select(layout.Column).Distinct().Count();
            }

            values[5] = (float)(rules.Articles.FirstOrDefault(r => set.Count > 0 && Numbers(r).Contains(set[0]))?.Confidence ?? 0);
            values[10] = layout.HasLayout ? 1 : 0;
            rows.Add(new ArticleFeatureRow(a, values));
        }

        return rows;
    }

    /// <summary>The line numbers an article's blocks cover.</summary>
    public static IEnumerable<int> Numbers(SegmentArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return article.Blocks.SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1));
    }

    /// <summary>0 letter/ideograph, 1 digit, 2 opening punctuation/bracket, 3 other punctuation, 4 symbol, 5 none.</summary>
    private static float CharacterClass(string content, bool first)
    {
        if (content.Length == 0)
        {
            return 5;
        }

        var c = first ? content[0] : content[^1];
        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber or UnicodeCategory.LetterNumber => 1,
            UnicodeCategory.OpenPunctuation or UnicodeCategory.InitialQuotePunctuation => 2,
            UnicodeCategory.ClosePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
                or UnicodeCategory.DashPunctuation or UnicodeCategory.ConnectorPunctuation => 3,
            UnicodeCategory.MathSymbol or UnicodeCategory.OtherSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol => 4,
            _ => 0,
        };
    }
}
