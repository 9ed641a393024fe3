namespace Workbench.Core.Export;

/// <summary>
/// Writes articles in one export format to one stream, record by record. <see cref="Complete"/> ends the output
/// (closing brackets, flushing) but does not close the stream, which belongs to the caller.
/// </summary>
/// <remarks>Disposing a writer releases its own buffers, never the stream it writes to (the caller's).</remarks>
public interface IExportWriter : IDisposable
{
    /// <summary>Writes one article; <paramref name="split"/> is written into formats that carry it.</summary>
    void Write(ExportArticle article, string split);

    /// <summary>Ends the output and flushes it. Nothing may be written afterwards.</summary>
    void Complete();

    /// <summary>What this writer left out (e.g. nested entities in CoNLL), with reasons.</summary>
    IReadOnlyList<ExportDrop> Dropped { get; }
}

/// <summary>The export format names and their writers and file names.</summary>
public static class ExportFormats
{
    public const string NerJsonl = "ner-jsonl";
    public const string Conll = "conll";
    public const string LabelStudio = "label-studio";
    public const string Segmentation = "segmentation";
    public const string OcrPairs = "ocr-pairs";

    public static IReadOnlyList<string> All { get; } = [NerJsonl, Conll, LabelStudio, Segmentation, OcrPairs];

    /// <summary>
    /// Whether a continued article's parts stay on their own pages (<c>segmentation</c>: a record is a page and its blocks are that
    /// page's lines) instead of being joined into one article on the first part's page (every other format).
    /// </summary>
    public static bool KeepsPartsOnTheirPages(string format) => format == Segmentation;

    public static IExportWriter CreateWriter(string format, Stream stream) => format switch
    {
        NerJsonl => new NerJsonlWriter(stream),
        Conll => new ConllWriter(stream),
        LabelStudio => new LabelStudioWriter(stream),
        Segmentation => new SegmentationWriter(stream),
        OcrPairs => new OcrPairsWriter(stream),
        _ => throw new ArgumentException($"unknown export format “{format}”; known: {string.Join(", ", All)}", nameof(format)),
    };

    /// <summary>
    /// The file a format writes for a split: without splits (null) <c>ner.jsonl</c>, <c>ner.conll</c>,
    /// <c>label-studio.json</c>, <c>segmentation.jsonl</c>, <c>ocr-pairs.jsonl</c>; with splits <c>train.jsonl</c>,
    /// <c>train.conll</c>, <c>train.json</c>, <c>segmentation.train.jsonl</c>, <c>ocr-pairs.train.jsonl</c>.
    /// </summary>
    public static string FileName(string format, string? split) => (format, split) switch
    {
        (NerJsonl, null) => "ner.jsonl",
        (NerJsonl, _) => $"{split}.jsonl",
        (Conll, null) => "ner.conll",
        (Conll, _) => $"{split}.conll",
        (LabelStudio, null) => "label-studio.json",
        (LabelStudio, _) => $"{split}.json",
        (Segmentation, null) => "segmentation.jsonl",
        (Segmentation, _) => $"segmentation.{split}.jsonl",
        (OcrPairs, null) => "ocr-pairs.jsonl",
        (OcrPairs, _) => $"ocr-pairs.{split}.jsonl",
        _ => throw new ArgumentException($"unknown export format “{format}”", nameof(format)),
    };
}
