using System.Text;

namespace Workbench.Web.Review;

/// <summary>
/// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes doubled. A field that a
/// spreadsheet would run as a formula (it starts with <c>= + - @</c>, a tab or a carriage return: user text such as
/// <c>=HYPERLINK(…)</c> in a comment) gets a leading apostrophe, so it stays text.
/// </summary>
public static class Csv
{
    /// <summary>UTF-8 with a byte order mark, so Excel reads CJK text correctly.</summary>
    public static byte[] Encode(IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Field(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
