namespace Workbench.Core.Editing;

/// <summary>One annotator's span in a curation plan.</summary>
public sealed record CurationSpan(string Layer, int Key, string Label, Anchor Start, Anchor End, string Text)
{
    /// <summary>The gold tag that accepts this span (the server puts a curator's tags in gold).</summary>
    public AddEntity ToGold() => new(Label, Start, End, Text);
}

/// <summary>Spans of different layers that overlap one another (or one layer's span no other layer has), to be decided together.</summary>
/// <param name="Resolved">A gold tag overlaps the group: the curator has decided it.</param>
public sealed record CurationGroup(IReadOnlyList<CurationSpan> Spans, bool Resolved);

/// <summary>
/// What curating an article means (issue #19): the spans every submitted layer has (same start, end and label) that gold
/// does not have yet, to merge in one step; and the rest, grouped by overlap, each group to accept one layer's spans,
/// several, or none.
/// </summary>
public sealed record CurationPlan(int ArticleKey, IReadOnlyList<string> Layers, IReadOnlyList<CurationSpan> Agreed, IReadOnlyList<CurationGroup> Groups)
{
    /// <summary>The batch that merges <see cref="Agreed"/> into gold, or null when there is nothing to merge.</summary>
    public PageOperation? MergeAgreed() => Agreed.Count == 0 ? null : new Batch([.. Agreed.Select(s => s.ToGold())]);
}

public static class Curation
{
    /// <summary>
    /// The curation plan of an article from its submitted layers, or null when the article does not exist. Spans are in
    /// reading order (line, then offset); an agreed span is listed once (the first layer's).
    /// </summary>
    public static CurationPlan? Plan(PageState state, int articleKey)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.FindArticle(articleKey) is not { } article)
        {
            return null;
        }

        var layers = article.LayerList.Where(l => l.Submitted).Select(l => l.Annotator).ToList();
        var lines = PageStates.LinesOf(article).ToHashSet();
        var inArticle = state.Entities.Where(e => lines.Contains(e.Start.Line)).ToList();
        var gold = inArticle.Where(e => e.Layer is null).ToList();
        var spans = inArticle
            .Where(e => e.Layer is not null && layers.Contains(e.Layer, StringComparer.Ordinal))
            .OrderBy(e => e.Start).ThenBy(e => e.End).ThenBy(e => layers.IndexOf(e.Layer!))
            .Select(e => new CurationSpan(e.Layer!, e.Key, e.Label, e.Start, e.End, e.Text))
            .ToList();

        var agreed = new List<CurationSpan>();
        var rest = new List<CurationSpan>();
        foreach (var same in spans.GroupBy(s => (s.Start, s.End, s.Label)))
        {
            var everyone = layers.Count > 0 && layers.TrueForAll(l => same.Any(s => string.Equals(s.Layer, l, StringComparison.Ordinal)));
            if (!everyone)
            {
                rest.AddRange(same);
            }
            else if (!gold.Exists(g => g.Start == same.Key.Start && g.End == same.Key.End && string.Equals(g.Label, same.Key.Label, StringComparison.Ordinal)))
            {
                agreed.Add(same.First());
            }
        }

        // In a group, each annotator's spans together, in the order of the article's layers.
        var groups = Group(rest, gold).ConvertAll(g => g with { Spans = [.. g.Spans.OrderBy(s => layers.IndexOf(s.Layer)).ThenBy(s => s.Start)] });
        return new CurationPlan(articleKey, layers, agreed, groups);
    }

    /// <summary>Chains of overlapping spans (in reading order) become groups; a group some gold tag overlaps is resolved.</summary>
    private static List<CurationGroup> Group(List<CurationSpan> spans, List<EntityState> gold)
    {
        var groups = new List<CurationGroup>();
        var current = new List<CurationSpan>();
        var end = default(Anchor);
        foreach (var span in spans.OrderBy(s => s.Start).ThenBy(s => s.End))
        {
            if (current.Count > 0 && span.Start >= end)
            {
                groups.Add(Close(current, gold));
                current = [];
            }

            end = current.Count == 0 || span.End > end ? span.End : end;
            current.Add(span);
        }

        if (current.Count > 0)
        {
            groups.Add(Close(current, gold));
        }

        return groups;
    }

    private static CurationGroup Close(List<CurationSpan> spans, List<EntityState> gold) =>
        new(spans, gold.Exists(g => spans.Exists(s => g.Start < s.End && s.Start < g.End)));
}
