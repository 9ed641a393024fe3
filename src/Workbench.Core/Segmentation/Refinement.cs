using Workbench.Core.Pages;

namespace Workbench.Core.Segmentation;

/// <summary>What a gold segmentation says about one line: whether it opens its article (first in reading order) and its role.</summary>
public readonly record struct LineLabel(bool Starts, BlockRole Role);

/// <summary>
/// Applies a learned model's per-line decisions on top of the rules' segmentation: an article the rules open where the model sees no
/// boundary joins the article before it in reading order (unless both have headlines of their own); a line inside a rules article
/// where the model sees one opens a new article with the rest of that article's lines; each line takes the model's role where it
/// gives one. Titles are rebuilt from headline lines
/// where membership or roles changed. Pure: the model lives elsewhere (Workbench.Segmentation.Learning) and hands in its numbers.
/// </summary>
public static class Refinement
{
    /// <summary>
    /// The model's roles are set aside for a whole page when it would make headlines of more lines the rules do not call headlines
    /// than this, and than the rules' own headline lines: there it is reading a page unlike those it learnt from (on the 1845
    /// Landbote it made headlines of 9 and 19 paragraph openings on pages where the rules saw none; on the synthetic pages it
    /// learnt from it adds at most 6, fewer than the rules' headlines).
    /// </summary>
    public const int MinPromotions = 5;

    /// <summary>Per non-blank line of the gold: does it open its article, and its role.</summary>
    public static IReadOnlyDictionary<int, LineLabel> Labels(PageSegmentation gold)
    {
        ArgumentNullException.ThrowIfNull(gold);
        var labels = new Dictionary<int, LineLabel>();
        foreach (var article in gold.Articles)
        {
            var first = true;
            foreach (var block in article.Blocks.SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1).Select(n => (Line: n, b.Role))).OrderBy(p => p.Line))
            {
                if (block.Line < 1 || block.Line > gold.Page.Lines.Count || gold.Page.Line(block.Line).IsBlank || labels.ContainsKey(block.Line))
                {
                    continue;
                }

                labels[block.Line] = new LineLabel(first, block.Role);
                first = false;
            }
        }

        return labels;
    }

    /// <param name="rules">The rules' segmentation of the page.</param>
    /// <param name="boundary">Each non-blank line's probability of opening an article.</param>
    /// <param name="roles">Each line's role as the model sees it; null keeps the rules' roles, and so does a page where the model would make more headlines than <see cref="MinPromotions"/> and than the rules see.</param>
    /// <param name="threshold">The probability below which an article the rules open joins the one before it.</param>
    /// <param name="splitThreshold">The probability at or above which a line inside a rules article opens a new one (default: <paramref name="threshold"/>).</param>
    public static PageSegmentation Apply(PageSegmentation rules, IReadOnlyDictionary<int, float> boundary, IReadOnlyDictionary<int, BlockRole>? roles = null, double threshold = 0.5, double? splitThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(boundary);
        var page = rules.Page;
        var classified = LineClassifier.Classify(page);
        var layout = page.Format is SourceFormat.Alto or SourceFormat.PageXml or SourceFormat.Hocr ? LayoutProfile.Of(page) : null;
        var rulesArticle = new int[page.Lines.Count + 1];
        var rulesRole = new BlockRole[page.Lines.Count + 1];
        var firstOf = new Dictionary<int, int>();
        for (var a = 0; a < rules.Articles.Count; a++)
        {
            foreach (var block in rules.Articles[a].Blocks)
            {
                for (var n = Math.Max(1, block.FirstLine); n <= Math.Min(page.Lines.Count, block.LastLine); n++)
                {
                    if (!page.Line(n).IsBlank)
                    {
                        rulesArticle[n] = a + 1;
                        rulesRole[n] = block.Role;
                        firstOf[a + 1] = firstOf.TryGetValue(a + 1, out var f) ? Math.Min(f, n) : n;
                    }
                }
            }
        }

        // A model that would invent more headlines than the page shows is out of its depth there: the rules' roles stand.
        if (roles is not null && Promotions(roles, rulesRole) > Math.Max(MinPromotions, rulesRole.Count(r => r == BlockRole.Headline)))
        {
            roles = null;
        }

        // Each line's role: the model's, except for a picture the OCR read as text (the rules never make it a heading, nor may the
        // model), and except that a line with a sentence end inside it (Tesseract ran body text across a gutter into a tall box) is
        // never made a headline: it would put running text into the title.
        var lineRole = new BlockRole[page.Lines.Count + 1];
        for (var n = 1; n <= page.Lines.Count; n++)
        {
            lineRole[n] = roles is null || !roles.TryGetValue(n, out var role) || (layout is not null && layout.IsPictureText(n))
                || (role == BlockRole.Headline && rulesRole[n] != BlockRole.Headline && classified[n - 1].SentenceInside) ? rulesRole[n] : role;
        }

        // Rules articles holding a headline line, and the articles made so far that hold one.
        var titledRules = Enumerable.Range(1, page.Lines.Count).Where(n => rulesArticle[n] > 0 && lineRole[n] == BlockRole.Headline).Select(n => rulesArticle[n]).ToHashSet();
        var titled = new HashSet<int>();
        var current = new Dictionary<int, int>();
        var articleOf = new int[page.Lines.Count + 1];
        var opening = new Dictionary<int, double>();
        var next = 0;
        var previous = 0;
        for (var n = 1; n <= page.Lines.Count; n++)
        {
            var r = rulesArticle[n];
            if (r == 0)
            {
                continue;
            }

            var p = boundary.TryGetValue(n, out var value) ? value : (firstOf[r] == n ? 1f : 0f);
            if (firstOf[r] == n)
            {
                // An article with a headline never joins one that already has its own, unless the two headlines are one run of lines
                // (a headline the rules cut in two): merged, two stories would share one title.
                var twoTitles = previous != 0 && titledRules.Contains(r) && titled.Contains(articleOf[previous]) && lineRole[previous] != BlockRole.Headline;
                if (p >= threshold || previous == 0 || twoTitles)
                {
                    current[r] = ++next;
                    opening[next] = previous == 0 ? Math.Max(p, rules.Articles[r - 1].Confidence) : p;
                }
                else
                {
                    current[r] = articleOf[previous];
                }
            }
            else if (p >= (splitThreshold ?? threshold))
            {
                // A line inside a rules article where the model sees an opening: the rest of that rules article goes with it.
                current[r] = ++next;
                opening[next] = p;
            }

            articleOf[n] = current[r];
            if (lineRole[n] == BlockRole.Headline)
            {
                titled.Add(current[r]);
            }

            previous = n;
        }

        // Each rules article's headline lines: an article holding all of one (and of no other) keeps that article's title.
        var rulesHeads = rules.Articles.Select(a => a.Blocks.Where(b => b.Role == BlockRole.Headline).SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1)).ToHashSet()).ToList();
        var rulesSets = rules.Articles.Select((a, i) => (Key: Key(a, page), Index: i)).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Index, StringComparer.Ordinal);
        var articles = new List<SegmentArticle>();
        for (var k = 1; k <= next; k++)
        {
            var members = Enumerable.Range(1, page.Lines.Count).Where(n => articleOf[n] == k).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var lineRoles = members.Select(n => (Line: n, Role: lineRole[n])).ToList();
            var ordered = lineRoles.Where(p => p.Role is BlockRole.Kicker or BlockRole.Headline or BlockRole.Subheadline)
                .Concat(lineRoles.Where(p => p.Role is not (BlockRole.Kicker or BlockRole.Headline or BlockRole.Subheadline))).ToList();
            var blocks = ArticleAssembler.Merge(ordered, classified);
            var candidate = new SegmentArticle("", blocks, Math.Round(Math.Clamp(opening.GetValueOrDefault(k, 0.5), 0, 1), 3));
            var unchanged = rulesSets.TryGetValue(Key(candidate, page), out var same)
                && lineRoles.All(p => (p.Role == BlockRole.Headline) == (rulesRole[p.Line] == BlockRole.Headline));
            // ... as long as the model left those headline lines as they were: a line it made a headline (a first line the rules took
            // for a kicker because its box has no descenders) belongs in the title. (The article's own headline lines are among its
            // members, so a rules article whose headline lines are exactly those is wholly inside it.)
            var ownHeads = lineRoles.Where(p => p.Role == BlockRole.Headline).Select(p => p.Line).ToHashSet();
            var heads = Enumerable.Range(0, rules.Articles.Count).Where(i => rulesHeads[i].Count > 0 && rulesHeads[i].SetEquals(ownHeads)).ToList();
            var title = unchanged ? rules.Articles[same].Title
                : heads.Count == 1 ? rules.Articles[heads[0]].Title
                : Text.ArticleText.JoinLines(lineRoles.Where(p => p.Role == BlockRole.Headline).Select(p => TitleBuilder.Collapse(classified[p.Line - 1])));
            articles.Add(candidate with { Title = title });
        }

        return new PageSegmentation(page, Segmenter.Guard(articles.OrderBy(a => a.Blocks.Min(b => b.FirstLine)).ToList(), layout));
    }

    private static int Promotions(IReadOnlyDictionary<int, BlockRole> roles, BlockRole[] rulesRole) =>
        roles.Count(p => p.Value == BlockRole.Headline && p.Key > 0 && p.Key < rulesRole.Length && rulesRole[p.Key] != BlockRole.Headline);

    private static string Key(SegmentArticle article, SourcePage page) =>
        string.Join(',', SegmentationFeatures.Numbers(article).Where(n => n >= 1 && n <= page.Lines.Count && !page.Line(n).IsBlank).Order());
}
