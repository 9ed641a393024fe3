using Workbench.Core.Editing;

namespace Workbench.Core.Tagging;

/// <summary>
/// A suggested entity: label, range in line coordinates, the page text of the range (<see cref="PageText.Slice"/>,
/// so it can go straight into an <see cref="AddEntity"/>), where it came from and which rule produced it.
/// </summary>
public sealed record SuggestionCandidate(string Label, Anchor Start, Anchor End, string Text, EntitySource Source, string RuleName)
{
    /// <summary>The key under which a rejection of this suggestion is remembered (see <see cref="Suggester.RejectionKey"/>).</summary>
    public string RejectionKey => Suggester.RejectionKey(Label, Start, End, Text);

    /// <summary>The operation that accepts this suggestion.</summary>
    public AddEntity ToOperation() => new(Label, Start, End, Text, Source);
}

/// <summary>
/// What <see cref="Suggester.Suggest"/> may use: the label set (only active labels are suggested), a gazetteer from
/// approved work, the built-in DATE and ORG rules (used when a label of that name is active) and admin pattern rules.
/// </summary>
public sealed record SuggestionSources(
    IReadOnlyList<LabelDefinition> Labels,
    Gazetteer? Gazetteer = null,
    IReadOnlyList<PatternRule>? Patterns = null,
    bool BuiltInRules = true)
{
    /// <summary>The default labels and built-in rules, no gazetteer and no pattern rules.</summary>
    public static SuggestionSources Defaults { get; } = new(LabelDefinition.Defaults);

    public const string DateLabel = "DATE";
    public const string OrgLabel = "ORG";
}

public static class Suggester
{
    public const string GazetteerRuleName = "gazetteer";

    /// <summary>The rejection key of a suggestion: "LABEL|line:offset|line:offset|text".</summary>
    public static string RejectionKey(string label, Anchor start, Anchor end, string text) =>
        $"{label}|{start.Line}:{start.Offset}|{end.Line}:{end.Offset}|{text}";

    /// <summary>A rejection key that rejects <paramref name="text"/> as <paramref name="label"/> anywhere in the article ("LABEL|*|*|text").</summary>
    public static string RejectEverywhereKey(string label, string text) => $"{label}|*|*|{TaggingText.Normalize(text)}";

    /// <summary>
    /// Suggestions for article <paramref name="articleKey"/>, ordered by start. Matching runs over each block of the
    /// article (consecutive non-blank lines joined, CJK without a separator), so matches may cross line breaks.
    /// Gazetteer matches win over rule matches they overlap; among rules the longest wins (ties: earlier start).
    /// Suggestions whose key is in <paramref name="rejected"/> are dropped before overlaps are resolved (so a
    /// rejected match does not hide another); suggestions equal to an existing entity (label and range) are dropped
    /// after. Nothing is suggested for a missing or approved article or for a label that is retired or unknown.
    /// </summary>
    public static IReadOnlyList<SuggestionCandidate> Suggest(PageState state, int articleKey, SuggestionSources sources, IReadOnlySet<string> rejected)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(rejected);
        var article = state.FindArticle(articleKey);
        if (article is null || article.Status == ArticleStatus.Approved)
        {
            return [];
        }

        var active = new HashSet<string>((sources.Labels ?? []).Where(l => !l.Retired).Select(l => l.Name), StringComparer.Ordinal);
        var patterns = (sources.Patterns ?? [])
            .Where(p => active.Contains(p.Label))
            .Select(p => (Rule: p, Regex: p.TryCompile()))
            .Where(p => p.Regex is not null)
            .ToList();
        var existing = state.Entities.Select(e => (e.Label, e.Start, e.End)).ToHashSet();

        var result = new List<SuggestionCandidate>();
        foreach (var block in TaggingText.ArticleBlocks(state, article))
        {
            bool Rejected(string label, int start, int end)
            {
                if (block.Map(start, end) is not { } range)
                {
                    return true;
                }

                var text = PageText.Slice(state, range.Start, range.End) ?? "";
                return rejected.Contains(RejectionKey(label, range.Start, range.End, text))
                    || rejected.Contains($"{label}|*|*|{block.Text[start..end]}");
            }

            var taken = new bool[block.Text.Length];
            var spans = new List<RuleSpan>();
            if (sources.Gazetteer is { Count: > 0 } gazetteer)
            {
                var matches = gazetteer.Match(block.Text, block.IsBoundary, m => active.Contains(m.Entry.Label) && !Rejected(m.Entry.Label, m.Start, m.End));
                foreach (var m in matches)
                {
                    spans.Add(new RuleSpan(m.Start, m.End, m.Entry.Label, GazetteerRuleName));
                    Array.Fill(taken, true, m.Start, m.End - m.Start);
                }
            }

            var ruleSpans = new List<RuleSpan>();
            if (sources.BuiltInRules && active.Contains(SuggestionSources.DateLabel))
            {
                ruleSpans.AddRange(DateRule.Find(block, SuggestionSources.DateLabel));
            }

            if (sources.BuiltInRules && active.Contains(SuggestionSources.OrgLabel))
            {
                ruleSpans.AddRange(OrgSuffixRule.Find(block, SuggestionSources.OrgLabel));
            }

            foreach (var (rule, regex) in patterns)
            {
                ruleSpans.AddRange(PatternRule.Find(regex!, rule, block));
            }

            spans.AddRange(Gazetteer.Resolve(
                ruleSpans.Where(s => !Rejected(s.Label, s.Start, s.End)),
                block.Text.Length,
                s => s.Start,
                s => s.End,
                taken));

            foreach (var span in spans)
            {
                var (start, end) = block.Map(span.Start, span.End)!.Value;
                if (existing.Contains((span.Label, start, end)))
                {
                    continue;
                }

                var source = span.RuleName == GazetteerRuleName ? EntitySource.Gazetteer : EntitySource.Rule;
                result.Add(new SuggestionCandidate(span.Label, start, end, PageText.Slice(state, start, end)!, source, span.RuleName));
            }
        }

        result.Sort((a, b) => a.Start.CompareTo(b.Start));
        return result;
    }
}
