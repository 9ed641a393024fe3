using System.Text.Encodings.Web;
using System.Text.Json;
using Workbench.Core.Export;
using Workbench.Core.Agreement;

namespace Workbench.Web.Agreement;

/// <summary>
/// A project agreement as JSON (the CLI's <c>agreement --project --json</c>): annotators by user name,
/// <c>{"annotators":[…], "articles":N, "pairs":[{"a","b","articles","spanF1","spanF1Overlap","cohenKappa"}],
/// "spanF1", "spanF1Overlap", "fleissKappa", "krippendorffAlpha", "perLabel":{L:{"spanF1","spanF1Overlap","fleissKappa","krippendorffAlpha"}}}</c>.
/// Undefined values are null, never 0.
/// </summary>
public static class AgreementJson
{
    public static byte[] Write(ProjectAgreementResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var report = result.Report;
            w.WriteStartObject();
            w.WriteStartArray("annotators");
            foreach (var annotator in report.Annotators)
            {
                w.WriteStringValue(result.NameOf(annotator));
            }

            w.WriteEndArray();
            w.WriteNumber("articles", report.Items.Count(i => i.Comparable));
            w.WriteStartArray("pairs");
            foreach (var pair in report.Pairs)
            {
                w.WriteStartObject();
                w.WriteString("a", result.NameOf(pair.A));
                w.WriteString("b", result.NameOf(pair.B));
                w.WriteNumber("articles", pair.Items);
                w.WriteNumberOrNull("spanF1", pair.Exact.F1);
                w.WriteNumberOrNull("spanF1Overlap", pair.Overlap.F1);
                w.WriteNumberOrNull("cohenKappa", pair.CohenKappa);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumberOrNull("spanF1", report.Exact.F1);
            w.WriteNumberOrNull("spanF1Overlap", report.Overlap.F1);
            w.WriteNumberOrNull("fleissKappa", report.FleissKappa);
            w.WriteNumberOrNull("krippendorffAlpha", report.KrippendorffAlpha);
            w.WriteStartObject("perLabel");
            foreach (var label in report.Labels)
            {
                var figures = report.PerLabel[label];
                w.WriteStartObject(label);
                w.WriteNumber("spans", figures.Exact.SpansA + figures.Exact.SpansB);
                w.WriteNumberOrNull("spanF1", figures.Exact.F1);
                w.WriteNumberOrNull("spanF1Overlap", figures.Overlap.F1);
                w.WriteNumberOrNull("fleissKappa", figures.FleissKappa);
                w.WriteNumberOrNull("krippendorffAlpha", figures.KrippendorffAlpha);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
