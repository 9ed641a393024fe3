using Workbench.Core.Export;

namespace Workbench.Core.Agreement;

/// <summary>A labelled span in Unicode code points of its item's text, end exclusive.</summary>
public readonly record struct AgreementSpan(int Start, int End, string Label)
{
    public int Length => End - Start;
}

/// <summary>
/// One thing several annotators labelled (an article): the length of its text in code points and each annotator's
/// spans. An annotator missing from <see cref="Layers"/> did not see the item (a missing value, which Krippendorff's α
/// allows); one present with no spans saw it and tagged nothing.
/// </summary>
public sealed record AgreementItem(string Id, int Length, IReadOnlyDictionary<string, IReadOnlyList<AgreementSpan>> Layers)
{
    /// <summary>
    /// An item from a text and each annotator's spans in UTF-16 offsets of that text (what .NET and the editor count),
    /// converted to code points. A span that is empty, leaves the text or cuts a surrogate pair is refused with an
    /// <see cref="ArgumentException"/> naming the item, the annotator and the span.
    /// </summary>
    public static AgreementItem FromText(string id, string text, IReadOnlyDictionary<string, IReadOnlyList<ImportedSpan>> layers)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(layers);
        var offsets = CodePointOffsets(text);
        var converted = new Dictionary<string, IReadOnlyList<AgreementSpan>>(StringComparer.Ordinal);
        foreach (var (annotator, spans) in layers)
        {
            var list = new List<AgreementSpan>(spans.Count);
            foreach (var span in spans)
            {
                if (span.Start < 0 || span.End > text.Length || span.Start >= span.End
                    || CutsPair(text, span.Start) || CutsPair(text, span.End))
                {
                    throw new ArgumentException(
                        $"item “{id}”, annotator “{annotator}”: span {span.Start}–{span.End} {span.Label} is empty, leaves the text (length {text.Length}) or cuts a surrogate pair",
                        nameof(layers));
                }

                list.Add(offsets is null
                    ? new AgreementSpan(span.Start, span.End, span.Label)
                    : new AgreementSpan(offsets[span.Start], offsets[span.End], span.Label));
            }

            converted[annotator] = list;
        }

        return new AgreementItem(id, offsets is null ? text.Length : offsets[text.Length], converted);
    }

    /// <summary>Throws when a span is empty or outside the text; called once per item by <see cref="AgreementMeasures"/>.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Length);
        foreach (var (annotator, spans) in Layers)
        {
            foreach (var span in spans)
            {
                if (span.Start < 0 || span.End > Length || span.Start >= span.End)
                {
                    throw new ArgumentException(
                        $"item “{Id}”, annotator “{annotator}”: span {span.Start}–{span.End} {span.Label} is empty or leaves the text (length {Length} code points)");
                }

                ArgumentNullException.ThrowIfNull(span.Label);
            }
        }
    }

    /// <summary>The code-point offset of every UTF-16 offset 0..Length, or null when the text has no surrogates (identity).</summary>
    private static int[]? CodePointOffsets(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return null;
        }

        var offsets = new int[text.Length + 1];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            offsets[i] = count;
            if (!(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])))
            {
                count++;
            }
        }

        offsets[text.Length] = count;
        return offsets;
    }

    private static bool CutsPair(string text, int offset) =>
        offset > 0 && offset < text.Length && char.IsHighSurrogate(text[offset - 1]) && char.IsLowSurrogate(text[offset]);
}
