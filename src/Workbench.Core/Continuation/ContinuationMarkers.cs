using System.Globalization;
using System.Text.RegularExpressions;

namespace Workbench.Core.Continuation;

/// <summary>Which way a continuation marker points: to an earlier page (上接第2版) or to a later one (下转第4版).</summary>
public enum MarkerDirection
{
    From,
    On,
}

/// <summary>A continuation marker found in an article: its direction, the page number it names, and the line holding it.</summary>
public sealed record ContinuationMarker(MarkerDirection Direction, int Page, int Line);

/// <summary>
/// Finds jump lines in article text: ■上接第2版, （上接第二版）, 上接第２版 / 下转第4版, （下转第四版）, and Latin
/// "Continued from page 3", "Continued on page 4", "(See PARK, page 4)". A page letter (A4) is ignored, the number kept.
/// </summary>
public static partial class ContinuationMarkers
{
    /// <summary>The markers of the given (line number, text) pairs, in line order.</summary>
    public static IReadOnlyList<ContinuationMarker> Find(IEnumerable<(int Line, string Text)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var found = new List<ContinuationMarker>();
        foreach (var (line, text) in lines)
        {
            foreach (Match match in Marker().Matches(text))
            {
                var direction = match.Groups["from"].Success || match.Groups["lfrom"].Success ? MarkerDirection.From : MarkerDirection.On;
                if (ParseNumber(match.Groups["n"].Value) is { } page)
                {
                    found.Add(new ContinuationMarker(direction, page, line));
                }
            }
        }

        return found;
    }

    /// <summary>1–999 from ASCII or full-width digits, or a Chinese numeral up to 九十九 (十, 十二, 二十, 二十三); null otherwise.</summary>
    public static int? ParseNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return null;
        }

        if (text.All(c => c is >= '0' and <= '9' or >= '０' and <= '９'))
        {
            var ascii = string.Concat(text.Select(c => c >= '０' ? (char)(c - '０' + '0') : c));
            return int.TryParse(ascii, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 1000 ? n : null;
        }

        const string digits = "零一二三四五六七八九";
        var ten = text.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return text.Length == 1 && digits.IndexOf(text[0], StringComparison.Ordinal) is > 0 and var d ? d : null;
        }

        var tens = ten == 0 ? 1 : ten == 1 && digits.IndexOf(text[0], StringComparison.Ordinal) is > 0 and var t ? t : -1;
        var rest = text[(ten + 1)..];
        var units = rest.Length == 0 ? 0 : rest.Length == 1 && digits.IndexOf(rest[0], StringComparison.Ordinal) is > 0 and var u ? u : -1;
        return tens < 0 || units < 0 ? null : (tens * 10) + units;
    }

    [GeneratedRegex(@"(?:(?<from>上接)|(?<on>下转))\s*第?\s*(?<n>[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*版|(?:(?<lfrom>[Cc]ontinued from)|(?<lon>[Cc]ontinued on|[Ss]ee [A-Z][A-Za-z ,'-]*))\s+[Pp](?:age|\.)\s*[A-Z]?(?<n>\d{1,3})")]
    private static partial Regex Marker();
}
