using Workbench.Core.Pages;

namespace Workbench.Core.Segmentation;

/// <summary>The role a block plays in an article. Names are the segmentation JSON contract (lower-case there).</summary>
public enum BlockRole
{
    Kicker,
    Headline,
    Subheadline,
    Byline,
    Body,
    Subhead,
    Caption,
    Credit,
    Continuation,
    Other,
}

/// <summary>A run of source lines with one role; 1-based, inclusive, in the source's own numbering. May include blank lines.</summary>
public sealed record SegmentBlock(BlockRole Role, int FirstLine, int LastLine);

/// <summary>
/// One article as the segmenter found it. Blocks may be non-adjacent (column OCR interleaves articles).
/// <paramref name="Confidence"/> is how sure the segmenter is about the boundary that opens this article (0–1).
/// </summary>
public sealed record SegmentArticle(string Title, IReadOnlyList<SegmentBlock> Blocks, double Confidence = 1.0)
{
    /// <summary>The article's ID in the file it was imported from (METS logical div ID, Transkribus structure id); null when the segmenter found it.</summary>
    public string? ExternalId { get; init; }
}

public sealed record PageSegmentation(SourcePage Page, IReadOnlyList<SegmentArticle> Articles);
