using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Core.Agreement;
using Workbench.Core.Export;
using Workbench.Web.Import;

using static Workbench.Web.Cli.CliText;

namespace Workbench.Web.Cli;

/// <summary>
/// `agreement FILE_A FILE_B [--format F] [--json OUT]`: inter-annotator agreement between two annotation files of the same
/// texts (any format the annotation import reads; each file's content decides with `auto`). Records are paired by their
/// exact text (<see cref="AgreementItems.FromDocuments"/>); a text in one file only is unpaired: counted, left out of the
/// span scores and κ, and a missing value for α. Prints a table; `--json` writes the same figures. Needs no database.
/// </summary>
internal static class AgreementCommand
{
    private const string AnnotatorA = "A";
    private const string AnnotatorB = "B";
    private const int WorstShown = 5;
    private const int ShortText = 40;

    public static Command Create(TextWriter output, TextWriter error, string[] hostArgs)
    {
        var fileA = new Argument<FileInfo?>("FILE_A") { Description = T("The first annotator's file (annotator A)."), Arity = ArgumentArity.ZeroOrOne };
        var fileB = new Argument<FileInfo?>("FILE_B") { Description = T("The second annotator's file (annotator B), with the same texts."), Arity = ArgumentArity.ZeroOrOne };
        var project = new Option<string?>("--project") { Description = T("Measure a project in independent mode instead of two files: every article whose annotators' layers are all submitted.") };
        var label = new Option<string?>("--label") { Description = T("With --project: only this label's spans (the code-point measures become this label or not).") };
        var format = new Option<string>("--format")
        {
            Description = T("Format of both files: ner-jsonl (also Prodigy/spaCy spans), doccano, cluener, conll (BIO, BIOES, BMES) or label-studio. auto (the default): each file's content decides, so the two files may be in different formats."),
            DefaultValueFactory = _ => ImportFormats.Auto,
        };
        format.AcceptOnlyFromAmong([ImportFormats.Auto, .. ImportFormats.AnnotationFormats]);
        var json = new Option<FileInfo?>("--json") { Description = T("Also write the figures to this JSON file."), HelpName = "OUT.json" };
        var command = new Command("agreement", T("Measure inter-annotator agreement between two annotation files of the same texts: span precision, recall and F1 (exact and overlapping), Cohen's κ and Krippendorff's α over code points, per label, and the records with the most disagreement. Records are paired by identical text.")) { fileA, fileB, project, label, format, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var projectName = parse.GetValue(project);
            var files = new[] { parse.GetValue(fileA), parse.GetValue(fileB) };
            if (projectName is null == files.Any(f => f is null))
            {
                await error.WriteLineAsync(T("Give either two files (FILE_A FILE_B) or --project NAME, not both."));
                return 2;
            }

            if (projectName is not null)
            {
                return await ProjectAgreementCommand.RunAsync(output, error, hostArgs, projectName, parse.GetValue(label), parse.GetValue(json), cancellationToken);
            }

            if (parse.GetValue(label) is not null)
            {
                await error.WriteLineAsync(T("--label needs --project."));
                return 2;
            }

            var formatValue = ImportFormats.ParseAnnotation(parse.GetValue(format));
            var documents = new Dictionary<string, ImportedDocument>(StringComparer.Ordinal);
            foreach (var (annotator, info) in new[] { (AnnotatorA, files[0]!), (AnnotatorB, files[1]!) })
            {
                var (document, problem) = await ReadAsync(info, formatValue, cancellationToken);
                if (document is null)
                {
                    await error.WriteLineAsync(problem);
                    return 2;
                }

                documents[annotator] = document;
            }

            var items = AgreementItems.FromDocuments(documents);
            var report = AgreementMeasures.Measure(items, new AgreementOptions { Annotators = [AnnotatorA, AnnotatorB] });
            var figures = Figures.From(documents[AnnotatorA], documents[AnnotatorB], items, report);
            await output.WriteAsync(Table(figures));
            if (parse.GetValue(json) is { } jsonFile)
            {
                try
                {
                    await File.WriteAllBytesAsync(jsonFile.FullName, Json(figures), cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync(T("{0}: cannot write the file ({1}).", jsonFile.Name, e.Message));
                    return 2;
                }

                await output.WriteLineAsync(T("Figures written to {0}.", jsonFile.FullName));
            }

            return 0;
        });
        return command;
    }

    /// <summary>The file read by the annotation import, or a refusal naming the file and the reason.</summary>
    private static async Task<(ImportedDocument? Document, string Problem)> ReadAsync(FileInfo info, AnnotationFormat? format, CancellationToken cancellationToken)
    {
        if (!info.Exists)
        {
            return (null, T("{0}: no such file.", info.Name));
        }

        if (info.Length > Core.Pages.PageReader.MaxBytes)
        {
            return (null, ImportMessages.TooLarge(info.Name));
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(info.FullName, cancellationToken);
            var document = AnnotationImport.Read(info.Name, bytes, format);
            return document.Texts.Count == 0 ? (null, T("{0}: the file holds no texts.", info.Name)) : (document, "");
        }
        catch (AnnotationImportException e)
        {
            return (null, T("{0}: refused: {1}", info.Name, e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, T("{0}: cannot read the file ({1}).", info.Name, e.Message));
        }
    }

    private static string Table(Figures f)
    {
        var text = new StringBuilder();
        text.AppendLine(T("Agreement of {0} (A) and {1} (B)", f.NameA, f.NameB));
        text.AppendLine(T("Texts: {0} paired; {1} only in {2}, {3} only in {4} (unpaired texts are left out of the span scores and κ, and are missing values for α).", f.Paired, f.OnlyInA, f.NameA, f.OnlyInB, f.NameB));
        text.AppendLine(T("Span F1, exact match: {0} (precision {1}, recall {2}; {3} of {4} spans of A and {5} of B)", N(f.Exact.F1), N(f.Exact.Precision), N(f.Exact.Recall), f.Exact.Matched, f.Exact.SpansA, f.Exact.SpansB));
        text.AppendLine(T("Span F1, overlap: {0} (precision {1}, recall {2})", N(f.Overlap.F1), N(f.Overlap.Precision), N(f.Overlap.Recall)));
        text.AppendLine(T("Cohen's κ over {0} code points: {1} (observed agreement {2})", f.Units, N(f.CohenKappa), N(f.ObservedAgreement)));
        text.AppendLine(T("Krippendorff's α over code points: {0}", N(f.KrippendorffAlpha)));
        text.AppendLine();
        string[] header = [T("label"), T("spans A"), T("spans B"), T("matched"), T("P"), T("R"), T("F1"), T("F1 overlap"), T("κ")];
        var rows = f.PerLabel.Select(l => new[]
        {
            l.Label, l.Exact.SpansA.ToString(CultureInfo.InvariantCulture), l.Exact.SpansB.ToString(CultureInfo.InvariantCulture),
            l.Exact.Matched.ToString(CultureInfo.InvariantCulture), N(l.Exact.Precision), N(l.Exact.Recall), N(l.Exact.F1), N(l.Overlap.F1), N(l.CohenKappa),
        }).ToList();
        AppendColumns(text, header, rows);
        if (f.Worst.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(T("The {0} records with the most disagreement (share of code points the two disagree on):", f.Worst.Count));
            AppendColumns(
                text,
                [T("record"), T("disagreement"), T("F1"), T("text")],
                [.. f.Worst.Select(w => new[] { w.Id, N(w.Item.DisagreementRate), N(w.Item.Exact.F1), Shorten(w.Text) })]);
        }

        return text.ToString();
    }

    /// <summary>Columns padded to the widest cell in terminal columns (CJK two wide); the last column is not padded.</summary>
    internal static void AppendColumns(StringBuilder text, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(row[i]);
                if (i < row.Length - 1)
                {
                    text.Append(' ', widths[i] - Width(row[i]) + 2);
                }
            }

            text.AppendLine();
        }
    }

    private static int Width(string value) => value.EnumerateRunes().Sum(r => r.Value >= 0x1100 ? 2 : 1);

    /// <summary>The first code points of a text (never half a surrogate pair), line breaks and tabs shown as one space each.</summary>
    internal static string Shorten(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        var shown = string.Concat(runes.Take(ShortText).Select(r => r.Value is '\r' or '\n' or '\t' ? " " : r.ToString()));
        return runes.Count > ShortText ? shown + "…" : shown;
    }

    internal static string N(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : T("n/a");

    private static byte[] Json(Figures f)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("fileA", f.NameA);
            w.WriteString("fileB", f.NameB);
            w.WriteStartObject("texts");
            w.WriteNumber("paired", f.Paired);
            w.WriteNumber("onlyInA", f.OnlyInA);
            w.WriteNumber("onlyInB", f.OnlyInB);
            w.WriteEndObject();
            Scores(w, "exact", f.Exact);
            Scores(w, "overlap", f.Overlap);
            w.WriteNumber("codePoints", f.Units);
            w.WriteNumberOrNull("cohenKappa", f.CohenKappa);
            w.WriteNumberOrNull("observedAgreement", f.ObservedAgreement);
            w.WriteNumberOrNull("krippendorffAlpha", f.KrippendorffAlpha);
            w.WriteStartObject("perLabel");
            foreach (var label in f.PerLabel)
            {
                w.WriteStartObject(label.Label);
                Scores(w, "exact", label.Exact);
                Scores(w, "overlap", label.Overlap);
                w.WriteNumberOrNull("cohenKappa", label.CohenKappa);
                w.WriteNumberOrNull("krippendorffAlpha", label.KrippendorffAlpha);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("worst");
            foreach (var worst in f.Worst)
            {
                w.WriteStartObject();
                w.WriteString("id", worst.Id);
                w.WriteString("text", worst.Text);
                w.WriteNumber("codePoints", worst.Item.Length);
                w.WriteNumber("disagreeingCodePoints", worst.Item.DisagreeingUnits);
                w.WriteNumber("disagreement", worst.Item.DisagreementRate);
                Scores(w, "exact", worst.Item.Exact);
                Scores(w, "overlap", worst.Item.Overlap);
                w.WriteNumberOrNull("krippendorffAlpha", worst.Item.KrippendorffAlpha);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    internal static void Scores(Utf8JsonWriter w, string name, SpanScores scores)
    {
        w.WriteStartObject(name);
        w.WriteNumber("matched", scores.Matched);
        w.WriteNumber("spansA", scores.SpansA);
        w.WriteNumber("spansB", scores.SpansB);
        w.WriteNumberOrNull("precision", scores.Precision);
        w.WriteNumberOrNull("recall", scores.Recall);
        w.WriteNumberOrNull("f1", scores.F1);
        w.WriteEndObject();
    }

    private sealed record LabelFigures(string Label, SpanScores Exact, SpanScores Overlap, double? CohenKappa, double? KrippendorffAlpha);

    private sealed record WorstFigures(string Id, string Text, ItemAgreement Item);

    private sealed record Figures(
        string NameA,
        string NameB,
        int Paired,
        int OnlyInA,
        int OnlyInB,
        SpanScores Exact,
        SpanScores Overlap,
        long Units,
        double? CohenKappa,
        double? ObservedAgreement,
        double? KrippendorffAlpha,
        IReadOnlyList<LabelFigures> PerLabel,
        IReadOnlyList<WorstFigures> Worst)
    {
        public static Figures From(ImportedDocument a, ImportedDocument b, IReadOnlyList<AgreementItem> items, AgreementReport report)
        {
            // Item ids are "{file name}#{record}" of the first file holding the text ("…@B" when both files share a name).
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (document, suffix) in new[] { (b, "@" + AnnotatorB), (b, ""), (a, "") })
            {
                for (var i = 0; i < document.Texts.Count; i++)
                {
                    texts[$"{document.Name}#{i + 1}{suffix}"] = document.Texts[i].Text;
                }
            }

            var pair = report.Pair(AnnotatorA, AnnotatorB)!;
            var perLabel = report.Labels.Select(label =>
            {
                var own = pair.PerLabel.GetValueOrDefault(label);
                var all = report.PerLabel.GetValueOrDefault(label);
                return new LabelFigures(label, own?.Exact ?? default, own?.Overlap ?? default, own?.CohenKappa, all?.KrippendorffAlpha);
            }).ToList();
            var worst = report.WorstFirst().Take(WorstShown).Select(i => new WorstFigures(i.Id, texts.GetValueOrDefault(i.Id, ""), i)).ToList();
            return new Figures(
                a.Name,
                b.Name,
                items.Count(i => i.Layers.Count == 2),
                items.Count(i => i.Layers.Count == 1 && i.Layers.ContainsKey(AnnotatorA)),
                items.Count(i => i.Layers.Count == 1 && i.Layers.ContainsKey(AnnotatorB)),
                pair.Exact,
                pair.Overlap,
                pair.Units,
                pair.CohenKappa,
                pair.ObservedAgreement,
                report.KrippendorffAlpha,
                perLabel,
                worst);
        }
    }
}
