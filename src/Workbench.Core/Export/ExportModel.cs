namespace Workbench.Core.Export;

/// <summary>Where an exported article's page came from.</summary>
public sealed record ExportPageInfo(string Source, string? Publication, string? Date, int? Number);

/// <summary>An entity in article coordinates: UTF-16 offsets into <see cref="ExportArticle.Text"/>, end exclusive.</summary>
public sealed record ExportEntity(int Start, int End, string Label, string Text, string Source);

/// <summary>A block of an article for the segmentation export: contract role name, 1-based line range, joined text.</summary>
public sealed record ExportBlock(string Role, int FirstLine, int LastLine, string Text);

/// <summary>One source line of an article for the OCR-pairs export: the OCR text as imported and the corrected text.</summary>
public sealed record ExportLine(int Number, string Ocr, string Corrected)
{
    /// <summary>The source of the page this line is on, when it differs from the article's page (a continued article's later parts).</summary>
    public string? PageSource { get; init; }

    public bool Changed => !string.Equals(Ocr, Corrected, StringComparison.Ordinal);
}

/// <summary>
/// One page's part of a continued article: its article id, page, key on the page, and its range in the joined text in
/// Unicode code points (end exclusive).
/// </summary>
public sealed record ExportPart(string ArticleId, ExportPageInfo Page, int ArticleKey, int Start, int End);

/// <summary>Something left out of an export, and why.</summary>
public sealed record ExportDrop(string ArticleId, string Item, string Reason, string? Label = null);

/// <summary>
/// One article as the exporters see it. Entity offsets are UTF-16 into <see cref="Text"/> (end exclusive); writers
/// convert to code points where the format wants them. The init-only members carry what only some formats need
/// (segmentation, OCR pairs) and what was dropped while building the article.
/// </summary>
public sealed record ExportArticle(
    string Id,
    ExportPageInfo Page,
    string Title,
    string Text,
    IReadOnlyList<ExportEntity> Entities,
    string Status,
    IReadOnlyList<string> Annotators,
    string? Reviewer)
{
    /// <summary>The article's blocks in order (segmentation export); empty when unknown.</summary>
    public IReadOnlyList<ExportBlock> Blocks { get; init; } = [];

    /// <summary>The article's lines in order (OCR-pairs export); empty when unknown.</summary>
    public IReadOnlyList<ExportLine> Lines { get; init; } = [];

    /// <summary>The page's source format name ("text", "markdown") for the segmentation contract.</summary>
    public string PageFormat { get; init; } = "text";

    /// <summary>How many lines the whole page has (segmentation contract <c>lineCount</c>).</summary>
    public int PageLineCount { get; init; }

    /// <summary>
    /// For pages joined by continued articles: one name shared by all of them, so the segmentation export (which splits
    /// by page) puts them in the same split; null for a page no continued article touches.
    /// </summary>
    public string? PageGroup { get; init; }

    /// <summary>The parts of an article continued over several pages, in page order; empty for a one-page article.</summary>
    public IReadOnlyList<ExportPart> Parts { get; init; } = [];

    /// <summary>The kind of item the source file declared (METS TYPE as written: ARTICLE, ADVERTISEMENT…); null when it said nothing.</summary>
    public string? ItemType { get; init; }

    /// <summary>Entities that could not be exported, with reasons; the exporter copies them into the manifest.</summary>
    public IReadOnlyList<ExportDrop> Dropped { get; init; } = [];
}
