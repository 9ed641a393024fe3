using System.Text.RegularExpressions;

namespace Workbench.Core.Tagging;

/// <summary>A span a rule found in joined text: [Start, End) with its label and rule name.</summary>
internal readonly record struct RuleSpan(int Start, int End, string Label, string RuleName)
{
    public int Length => End - Start;
}

/// <summary>
/// An admin-defined rule: every match of the regular expression <paramref name="Pattern"/> (run over an article's
/// joined block text, see <see cref="Suggester"/>) is suggested as <paramref name="Label"/>.
/// </summary>
public sealed record PatternRule(string Label, string Pattern)
{
    /// <summary>A match that runs longer than this is abandoned (the rule then suggests nothing for that block).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The rule name shown with its suggestions.</summary>
    public string RuleName => "pattern:" + Pattern;

    /// <summary>Why the rule cannot be used (a user-facing sentence), or null when it compiles and has a valid label name.</summary>
    public static string? Validate(string? label, string? pattern)
    {
        if (LabelRules.ValidateName(label) is { } labelError)
        {
            return labelError;
        }

        if (string.IsNullOrEmpty(pattern))
        {
            return CoreText.Get("Rule.NeedsPattern");
        }

        try
        {
            var regex = new Regex(pattern, RegexOptions.None, MatchTimeout);
            return regex.IsMatch("") ? CoreText.Get("Rule.MatchesEmpty") : null;
        }
        catch (ArgumentException e)
        {
            return CoreText.Format("Rule.Invalid", e.Message);
        }
        catch (RegexMatchTimeoutException)
        {
            return CoreText.Get("Rule.TooSlow");
        }
    }

    public string? Validate() => Validate(Label, Pattern);

    internal Regex? TryCompile()
    {
        if (Validate() is not null)
        {
            return null;
        }

        return new Regex(Pattern, RegexOptions.None, MatchTimeout);
    }

    internal static IEnumerable<RuleSpan> Find(Regex regex, PatternRule rule, TaggingBlock block)
    {
        var spans = new List<RuleSpan>();
        try
        {
            for (var m = regex.Match(block.Text); m.Success; m = m.NextMatch())
            {
                if (m.Length == 0)
                {
                    continue;
                }

                // Snap outward so a match never splits a surrogate pair or a combining sequence.
                var start = TaggingText.SnapDown(block, m.Index);
                var end = TaggingText.SnapUp(block, m.Index + m.Length);
                spans.Add(new RuleSpan(start, end, rule.Label, rule.RuleName));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }

        return spans;
    }
}
