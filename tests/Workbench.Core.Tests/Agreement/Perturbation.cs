using System.Text;
using System.Text.Json;
using Workbench.Core.Agreement;
using Workbench.Core.Export;

namespace Workbench.Core.Tests.Agreement;

/// <summary>What a perturbation did to each span of the first annotator, and the second annotator's spans it made.</summary>
internal sealed record Perturbed(List<List<AgreementSpan>> Spans, int Kept, int Dropped, int Relabelled, int Shifted)
{
    /// <summary>Per label: spans in A, spans in B, exact matches, overlap matches — counted from what was done.</summary>
    public Dictionary<string, (int A, int B, int Exact, int Overlap)> PerLabel { get; } = new(StringComparer.Ordinal);

    public void Count(string label, int a = 0, int b = 0, int exact = 0, int overlap = 0)
    {
        var (ca, cb, ce, co) = PerLabel.GetValueOrDefault(label);
        PerLabel[label] = (ca + a, cb + b, ce + exact, co + overlap);
    }
}

/// <summary>
/// A second annotator made from a first: each span, with a seeded <see cref="Random"/>, is dropped (rate
/// <c>drop</c>), relabelled to another label (<c>relabel</c>), has one boundary moved by one code point (<c>shift</c>:
/// the start or end moved out onto a code point no span covers, or in when the span is two or more long), or kept.
/// Spans must not overlap (CLUENER's do not), so a moved span still overlaps only its original.
/// </summary>
internal static class Perturbation
{
    public static Perturbed Apply(IReadOnlyList<(int Length, IReadOnlyList<AgreementSpan> Spans)> records, int seed, double drop, double relabel, double shift, IReadOnlyList<string> labels)
    {
        var random = new Random(seed);
        var result = new Perturbed([], 0, 0, 0, 0);
        var (kept, dropped, relabelled, shifted) = (0, 0, 0, 0);
        foreach (var (length, spans) in records)
        {
            var covered = new bool[length];
            foreach (var s in spans)
            {
                for (var i = s.Start; i < s.End; i++)
                {
                    Assert.False(covered[i], "the perturbation needs spans that do not overlap");
                    covered[i] = true;
                }
            }

            var output = new List<AgreementSpan>();
            foreach (var span in spans.OrderBy(s => s.Start))
            {
                result.Count(span.Label, a: 1);
                var roll = random.NextDouble();
                if (roll < drop)
                {
                    dropped++;
                    continue;
                }

                if (roll < drop + relabel)
                {
                    var others = labels.Where(l => l != span.Label).ToList();
                    var label = others[random.Next(others.Count)];
                    output.Add(span with { Label = label });
                    result.Count(label, b: 1);
                    relabelled++;
                    continue;
                }

                var moves = roll < drop + relabel + shift ? Moves(span, length, covered) : [];
                if (moves.Count > 0)
                {
                    output.Add(moves[random.Next(moves.Count)]);
                    result.Count(span.Label, b: 1, overlap: 1);
                    shifted++;
                    continue;
                }

                output.Add(span);
                result.Count(span.Label, b: 1, exact: 1, overlap: 1);
                kept++;
            }

            result.Spans.Add(output);
        }

        return result with { Kept = kept, Dropped = dropped, Relabelled = relabelled, Shifted = shifted };
    }

    private static List<AgreementSpan> Moves(AgreementSpan span, int length, bool[] covered)
    {
        var moves = new List<AgreementSpan>();
        if (span.Start > 0 && !covered[span.Start - 1])
        {
            moves.Add(span with { Start = span.Start - 1 });
        }

        if (span.End < length && !covered[span.End])
        {
            moves.Add(span with { End = span.End + 1 });
        }

        if (span.Length >= 2)
        {
            moves.Add(span with { Start = span.Start + 1 });
            moves.Add(span with { End = span.End - 1 });
        }

        return moves;
    }

    /// <summary>Writes texts with spans (code points) as CLUENER JSON Lines: <c>{"text","label":{type:{entity:[[start,end_inclusive]]}}}</c>.</summary>
    public static byte[] WriteCluener(IReadOnlyList<string> texts, IReadOnlyList<List<AgreementSpan>> spans)
    {
        var output = new StringBuilder();
        for (var r = 0; r < texts.Count; r++)
        {
            var codePoints = texts[r].EnumerateRunes().Select(c => c.ToString()).ToArray();
            var label = new SortedDictionary<string, SortedDictionary<string, List<int[]>>>(StringComparer.Ordinal);
            foreach (var span in spans[r])
            {
                var entity = string.Concat(codePoints[span.Start..span.End]);
                var byEntity = label.TryGetValue(span.Label, out var found) ? found : label[span.Label] = new(StringComparer.Ordinal);
                (byEntity.TryGetValue(entity, out var list) ? list : byEntity[entity] = []).Add([span.Start, span.End - 1]);
            }

            output.Append(JsonSerializer.Serialize(new { text = texts[r], label })).Append('\n');
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }

    /// <summary>Reads a CLUENER file into texts and code-point spans (through the app's importer).</summary>
    public static (List<string> Texts, List<(int Length, IReadOnlyList<AgreementSpan> Spans)> Records) ReadCluener(string name, byte[] content)
    {
        var document = AnnotationImport.Read(name, content, AnnotationFormat.Cluener);
        var texts = document.Texts.Select(t => t.Text).ToList();
        var records = document.Texts
            .Select(t => AgreementItem.FromText("x", t.Text, new Dictionary<string, IReadOnlyList<ImportedSpan>> { ["A"] = t.Spans }))
            .Select(i => (i.Length, i.Layers["A"]))
            .ToList();
        return (texts, records);
    }
}
