using System.Text.Json;
using Workbench.Core.Agreement;

namespace Workbench.Core.Export;

/// <summary>
/// What the manifest's <c>agreement</c> is measured from (independent annotation, issue #19): every article whose
/// annotators' layers are all submitted, as <see cref="AgreementItem"/>s with export article ids; the labels in report
/// order; annotator ids → names for the manifest. The exporter measures the items of the articles it exported.
/// </summary>
public sealed record ExportAgreementSource(IReadOnlyList<AgreementItem> Items, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, string> Names);

/// <summary>One exported article's agreement: who annotated it, span F1 (exact, pooled over its pairs) and α over its code points.</summary>
public sealed record ManifestArticleAgreement(IReadOnlyList<string> Annotators, double? SpanF1, double? KrippendorffAlpha);

/// <summary>Two annotators over the exported articles both annotated.</summary>
public sealed record ManifestPairAgreement(string A, string B, int Articles, double? SpanF1, double? SpanF1Overlap, double? CohenKappa);

/// <summary>
/// The manifest's <c>agreement</c>: annotators (names), pairs, Fleiss' κ and Krippendorff's α over the exported articles
/// with complete layers, and per article id. Undefined values are null.
/// </summary>
public sealed record ManifestAgreement(
    IReadOnlyList<string> Annotators,
    IReadOnlyList<ManifestPairAgreement> Pairs,
    double? FleissKappa,
    double? KrippendorffAlpha,
    IReadOnlyDictionary<string, ManifestArticleAgreement> Articles)
{
    /// <summary>The agreement of the items whose ids are in <paramref name="exported"/>.</summary>
    public static ManifestAgreement From(ExportAgreementSource source, IReadOnlySet<string> exported)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(exported);
        string Name(string id) => source.Names.TryGetValue(id, out var name) ? name : id;
        var items = source.Items.Where(i => exported.Contains(i.Id)).ToList();
        var annotators = items.SelectMany(i => i.Layers.Keys).Distinct(StringComparer.Ordinal)
            .OrderBy(Name, StringComparer.Ordinal).ThenBy(a => a, StringComparer.Ordinal).ToList();
        var report = AgreementMeasures.Measure(items, new AgreementOptions { Annotators = annotators, Labels = source.Labels });
        return new ManifestAgreement(
            [.. report.Annotators.Select(Name)],
            [.. report.Pairs.Select(p => new ManifestPairAgreement(Name(p.A), Name(p.B), p.Items, p.Exact.F1, p.Overlap.F1, p.CohenKappa))],
            report.FleissKappa,
            report.KrippendorffAlpha,
            report.Items.ToDictionary(i => i.Id, i => new ManifestArticleAgreement([.. i.Annotators.Select(Name)], i.Exact.F1, i.KrippendorffAlpha), StringComparer.Ordinal));
    }

    internal void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject("agreement");
        ExportJson.WriteStrings(json, "annotators", Annotators);
        json.WriteStartArray("pairs");
        foreach (var pair in Pairs)
        {
            json.WriteStartObject();
            json.WriteString("a", pair.A);
            json.WriteString("b", pair.B);
            json.WriteNumber("articles", pair.Articles);
            json.WriteNumberOrNull("spanF1", pair.SpanF1);
            json.WriteNumberOrNull("spanF1Overlap", pair.SpanF1Overlap);
            json.WriteNumberOrNull("cohenKappa", pair.CohenKappa);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumberOrNull("fleissKappa", FleissKappa);
        json.WriteNumberOrNull("krippendorffAlpha", KrippendorffAlpha);
        json.WriteStartObject("articles");
        foreach (var (id, article) in Articles.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(id);
            ExportJson.WriteStrings(json, "annotators", article.Annotators);
            json.WriteNumberOrNull("spanF1", article.SpanF1);
            json.WriteNumberOrNull("krippendorffAlpha", article.KrippendorffAlpha);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
