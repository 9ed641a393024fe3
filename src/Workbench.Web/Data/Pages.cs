using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Web.Data;

// A page: its file, lines, scan and how it was segmented, and links between articles of pages.

public sealed class Page
{
    public const int MaxSourceName = 260;
    public const int MaxPublication = 200;

    public int Id { get; set; }

    public int ProjectId { get; set; }

    public required string SourceName { get; set; }

    public SourceFormat Format { get; set; }

    /// <summary>Hex SHA-256 of the source bytes; unique within a project so a re-import is skipped.</summary>
    public required string Sha256 { get; set; }

    public string? Publication { get; set; }

    public DateOnly? IssueDate { get; set; }

    public int? PageNumber { get; set; }

    /// <summary>The last applied operation's sequence number; 0 after import. The concurrency token of every edit.</summary>
    public int Version { get; set; }

    public int NextArticleKey { get; set; }

    public int NextEntityKey { get; set; }

    /// <summary>
    /// How many times re-segmentation replaced the page's articles. It does not move <see cref="Version"/> (the log stays
    /// gapless), so this is the other half of every edit's concurrency token: a state cached before a re-segmentation is
    /// recognised as stale by any app instance.
    /// </summary>
    public int Resegmented { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>Width of the image the OCR coordinates refer to (ALTO Page@WIDTH, PAGE imageWidth, hOCR page bbox), when the file says.</summary>
    public int? OcrWidth { get; set; }

    public int? OcrHeight { get; set; }

    /// <summary>The page's scan, when it has one: a file under the data folder (see <see cref="PageImage"/>).</summary>
    public PageImage? Image { get; set; }

    /// <summary>Where the page's first segmentation came from: the segmenter, or articles read from the file (METS, PAGE XML).</summary>
    public SegmentationSource Segmentation { get; set; }

    /// <summary>Pages imported together as one issue (a METS file) share this key; null otherwise.</summary>
    public string? IssueKey { get; set; }

    /// <summary>
    /// True while a large page is still being written in batches (see <see cref="Import.PageRowWriter"/>): a query filter hides it
    /// everywhere until its last batch flips this off, and a failed import deletes it, so a refused or broken import stores nothing.
    /// </summary>
    public bool Importing { get; set; }

    /// <summary>The separators and pictures the OCR file names (<see cref="StoredLayout"/>), kept so re-segmentation and training see them; null when none.</summary>
    public string? Graphics { get; set; }
    /// Relations between spans the imported annotation file carried (doccano <c>relations</c>, Label Studio <c>relation</c> results):
    /// Workbench has none, so they are counted at import and in the manifest of every export of the page's articles.
    /// </summary>
    public int RelationsNotImported { get; set; }

    public Project? Project { get; set; }

    public List<PageLine> Lines { get; } = [];

    public List<Article> Articles { get; } = [];

    public List<Entity> Entities { get; } = [];
}

internal sealed class PageConfiguration : IEntityTypeConfiguration<Page>
{
    public void Configure(EntityTypeBuilder<Page> page)
    {
        page.Property(p => p.SourceName).HasMaxLength(Page.MaxSourceName);
        page.Property(p => p.Publication).HasMaxLength(Page.MaxPublication);
        page.Property(p => p.Sha256).HasMaxLength(ColumnLengths.Sha256Hex);
        page.Property(p => p.Format).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        page.HasIndex(p => new { p.ProjectId, p.Sha256 }).IsUnique();
        page.Property(p => p.Segmentation).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        page.Property(p => p.IssueKey).HasMaxLength(ColumnLengths.IssueKey);
        page.HasIndex(p => new { p.ProjectId, p.IssueDate, p.PageNumber });

        // The project page lists pages in this order, a page of 50 at a time: the index gives it without a sort.
        page.HasIndex(p => new { p.ProjectId, p.Publication, p.IssueDate, p.PageNumber, p.SourceName, p.Id });
        page.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PageId);
        page.HasMany(p => p.Articles).WithOne().HasForeignKey(a => a.PageId);
        page.HasMany(p => p.Entities).WithOne().HasForeignKey(e => e.PageId);
        page.OwnsOne(p => p.Image, image =>
        {
            image.Property(i => i.Path).HasMaxLength(PageImage.MaxPath);
            image.Property(i => i.ContentType).HasMaxLength(PageImage.MaxContentType);
            image.Property(i => i.Sha256).HasMaxLength(ColumnLengths.Sha256Hex);
            image.Property(i => i.OriginalName).HasMaxLength(PageImage.MaxOriginalName);
        });
        page.Navigation(p => p.Image).IsRequired(false);

        // A page still being imported in batches is no page yet: hidden from every query until its import finishes.
        page.HasQueryFilter(p => !p.Importing);
    }
}

public enum SegmentationSource
{
    Automatic,
    Mets,
    PageXml,
}

public sealed class PageLine
{
    public int PageId { get; set; }

    public int Number { get; set; }

    public required string Original { get; set; }

    public required string Text { get; set; }

    /// <summary>
    /// The line as the OCR file wrote it, when <see cref="Original"/> differs from it: a word-segmenting engine's spaces between CJK
    /// characters are left out of the text (Tesseract chi_sim, ALTO SP). Shown on hover; null for every other line.
    /// </summary>
    public string? OcrText { get; set; }

    /// <summary>The line's box in OCR pixels (see <see cref="Page.OcrWidth"/>), when the source format gives one.</summary>
    public int? X { get; set; }

    public int? Y { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    /// <summary>The line's font size as the OCR file gives it (units of that format; compared within a page only).</summary>
    public double? FontSize { get; set; }

    /// <summary>The block/region the line belongs to in the OCR file (ALTO TextBlock, PAGE TextRegion, hOCR paragraph).</summary>
    public string? Region { get; set; }

    /// <summary>The role the OCR file gives the line's region (hOCR ocr_header, PAGE heading, ALTO heading tag).</summary>
    public BlockRole? RegionRole { get; set; }
}

internal sealed class PageLineConfiguration : IEntityTypeConfiguration<PageLine>
{
    public void Configure(EntityTypeBuilder<PageLine> line)
    {
        line.HasKey(l => new { l.PageId, l.Number });
        line.Property(l => l.Region).HasMaxLength(ColumnLengths.RegionId);
        line.Property(l => l.RegionRole).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
    }
}

/// <summary>
/// A page's scan, stored as a file under the data folder (<see cref="Path"/> is relative to it, forward slashes),
/// never in the database. JPEG, PNG and WebP are kept as uploaded; TIFF is converted to PNG on import.
/// </summary>
public sealed class PageImage
{
    public const int MaxPath = 300;
    public const int MaxContentType = 50;
    public const int MaxOriginalName = 260;

    public required string Path { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Hex SHA-256 of the stored bytes: the file name and the ETag.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The file name it came as.</summary>
    public required string OriginalName { get; set; }
}

/// <summary>How a continuation link was made.</summary>
public enum LinkSource
{
    Mets,
    Marker,
    Manual,
}

/// <summary>
/// An article continued on another page: the part <see cref="FromArticleKey"/> on <see cref="FromPageId"/> continues as
/// <see cref="ToArticleKey"/> on <see cref="ToPageId"/>. Resolved by (page, article key): keys are never reused on a page,
/// so a link whose article was merged away or removed resolves to nothing and is ignored, never to another article.
/// </summary>
public sealed class ArticleLink
{
    public const int MaxExternalId = 200;

    public int Id { get; set; }

    public int ProjectId { get; set; }

    public int FromPageId { get; set; }

    public int FromArticleKey { get; set; }

    public int ToPageId { get; set; }

    public int ToArticleKey { get; set; }

    public LinkSource Source { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who linked by hand; null for links made at import.</summary>
    public string? CreatedById { get; set; }
}

internal sealed class ArticleLinkConfiguration : IEntityTypeConfiguration<ArticleLink>
{
    public void Configure(EntityTypeBuilder<ArticleLink> link)
    {
        link.Property(l => l.Source).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        link.HasIndex(l => new { l.FromPageId, l.FromArticleKey, l.ToPageId, l.ToArticleKey }).IsUnique();
        link.HasIndex(l => new { l.ToPageId, l.ToArticleKey });
        link.HasIndex(l => l.ProjectId);
        link.HasOne<Page>().WithMany().HasForeignKey(l => l.FromPageId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Page>().WithMany().HasForeignKey(l => l.ToPageId).OnDelete(DeleteBehavior.Cascade);
    }
}
