using Workbench.Core;

namespace Workbench.Web.Import;

/// <summary>The upload and import outcome lines, in the current UI language (Resources/Import/ImportMessages.resx).</summary>
public static class ImportMessages
{
    /// <summary>Resources/Import/ImportMessages.resx; <see cref="ImageMessages"/> reads its "Image.*" keys from it too.</summary>
    internal static ResourceText Text { get; } = new("Workbench.Web.Resources.Import.ImportMessages", typeof(ImportMessages).Assembly);

    public static string TooLarge(string name) => Text.Format("TooLarge", name, Core.Pages.PageReader.MaxBytes / (1024 * 1024));

    public static string ChoosePages => Text.Get("ChoosePages");

    public static string ChooseAnnotations => Text.Get("ChooseAnnotations");

    public static string UnknownAnnotationFormat(string format) => Text.Format("UnknownAnnotationFormat", format);

    public static string TooManyLines(int lines, int max) => Text.Format("TooManyLines", lines, max);

    public static string Duplicate(string name) => Text.Format("Duplicate", name);

    public static string DuplicateOf(string name, string existing) => Text.Format("DuplicateOf", name, existing);

    public static string Imported(string name, int articles, int lines) => Text.Format("Imported", name, articles, lines);

    public static string ImportedAnnotations(string name, bool approved, int articles, int entities, int lines) =>
        Text.Format(approved ? "ImportedApproved" : "ImportedDraft", name, articles, entities, lines);

    public static string NewLabels(IEnumerable<string> labels) => Text.Format("NewLabels", string.Join(Text.Get("ListSeparator"), labels));

    public static string Refused(string name, string reason) => Text.Format("Refused", name, reason);

    public static string MetsOutside(string mets, string href) => Text.Format("MetsOutside", mets, href);

    public static string MetsMissing(string mets, string href) => Text.Format("MetsMissing", mets, href);

    public static string NoRecords => Text.Get("NoRecords");

    public static string SpanNotOnLines(int start, int end, string label, string text) => Text.Format("SpanNotOnLines", start, end, label, text);

    public static string NoArticleFor(int record, string text) => Text.Format("NoArticleFor", record, text);

    public static string LayerExists(int record, string user) => Text.Format("LayerExists", record, user);

    public static string RecordRefused(int record, int done, string reason) => Text.Format("RecordRefused", record, done, reason);

    public static string ImportedLayer(string name, string user, int articles, int entities) => Text.Format("ImportedLayer", name, user, articles, entities);

    public static string LabelTooLong(string label, int max) => Text.Format("LabelTooLong", label, max);

    /// <summary>" Not imported: 3 relations, 2 results of type choices." for what an annotation file carried that Workbench does not keep.</summary>
    public static string NotImported(IEnumerable<Core.Export.NotImported> items) =>
        Text.Format("NotImported", string.Join(Text.Get("ListSeparator"), items.Select(i => Text.Format($"NotImported.{i.Kind}", i.Count, i.Detail))));
}
