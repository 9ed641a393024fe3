using Workbench.Core.Text;

namespace Workbench.Core.Export;

/// <summary>
/// The span checks every reader shares: offsets in code points converted to UTF-16, inside the text and non-empty, a label given,
/// and the text a file claims for a span equal to the text there.
/// </summary>
internal static class SpanChecks
{
    /// <summary>A span from code-point offsets (end exclusive, or inclusive for CLUENER), checked to lie inside the text and to be non-empty.</summary>
    public static ImportedSpan FromCodePoints(string text, int start, int end, string label, bool endInclusive = false)
    {
        var exclusiveEnd = endInclusive ? end + 1 : end;
        var count = CodePoints.Count(text);
        if (start < 0 || exclusiveEnd > count || start >= exclusiveEnd)
        {
            throw new RecordException(CoreText.Format("Annot.SpanOutside", start, end, endInclusive ? "]" : ")", label, count));
        }

        if (label.Length == 0)
        {
            throw new RecordException(CoreText.Format("Annot.SpanNoLabel", start, end));
        }

        return new ImportedSpan(CodePoints.ToUtf16(text, start), CodePoints.ToUtf16(text, exclusiveEnd), label);
    }

    /// <summary>Refuses a span whose claimed text (a file's own copy of it) is not the text at its range.</summary>
    public static void Check(string text, ImportedSpan span, string claimed)
    {
        var actual = text[span.Start..span.End];
        if (!string.Equals(actual, claimed, StringComparison.Ordinal))
        {
            throw new RecordException(CoreText.Format("Annot.SpanMismatch", span.Label, claimed, actual));
        }
    }

    /// <summary>The record: its text and spans sorted by start, longer first.</summary>
    public static ImportedText Text(string text, List<ImportedSpan> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        return new ImportedText(text, spans);
    }
}
