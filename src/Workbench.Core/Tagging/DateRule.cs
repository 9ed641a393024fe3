using System.Text.RegularExpressions;

namespace Workbench.Core.Tagging;

/// <summary>
/// Dates in Chinese newspaper style: 2023年7月11日, 7月11日, 11号, 2025年, ranges (7月13日—17日, 7月13日至8月2日,
/// 2024年1—11月份, 2019—2020年), months (7月, 7月份). Full-width digits and spaces the OCR inserted are accepted.
/// </summary>
internal static partial class DateRule
{
    public const string Name = "date";

    private const string S = @"[ \u3000]*";
    private const string Y = @"(?:1[89]|20)[0-9]{2}";
    private const string Mo = "(?:1[0-2]|0?[1-9])";
    private const string Dd = "(?:3[01]|[12][0-9]|0?[1-9])";
    private const string R = S + "(?:—{1,2}|–|-|－|~|～|〜|至)" + S;
    private const string Day = Dd + S + "[日号]";
    private const string Month = Mo + S + "月";
    private const string Pattern =
        "(?<![0-9])(?:"
        + $"(?:{Y}{S}年{S})?{Month}{S}{Dd}(?:{R}{Dd})?{S}[日号](?:{R}(?:{Month}{S})?{Day})?"   // 2023年7月11日, 7月13日—17日, 7月11—13日
        + $"|{Y}{S}年{S}{Mo}(?:{R}{Mo})?{S}月份?"                                             // 2024年1—11月份, 2023年7月
        + $"|{Mo}{R}{Month}份?"                                                               // 1—11月
        + $"|{Y}(?:{S}年)?{R}{Y}{S}年"                                                        // 2019—2020年
        + $"|{Y}{S}年"                                                                        // 2025年
        + $"|{Month}份?"                                                                      // 7月, 7月份
        + ")(?![0-9])";

    [GeneratedRegex(Pattern, RegexOptions.None, 1000)]
    private static partial Regex DateRegex();

    public static IEnumerable<RuleSpan> Find(TaggingBlock block, string label)
    {
        // Full-width digits become ASCII (same length, so offsets are unchanged).
        var text = string.Create(block.Text.Length, block.Text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c;
            }
        });

        var spans = new List<RuleSpan>();
        try
        {
            for (var m = DateRegex().Match(text); m.Success; m = m.NextMatch())
            {
                spans.Add(new RuleSpan(m.Index, m.Index + m.Length, label, Name));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }

        return spans;
    }
}
