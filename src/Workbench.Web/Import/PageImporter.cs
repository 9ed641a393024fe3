using Microsoft.EntityFrameworkCore;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Web.Continuation;
using Workbench.Web.Data;

namespace Workbench.Web.Import;

/// <summary>
/// Reads, segments and stores page files. A refused file stores nothing; a file whose SHA-256 is already in the
/// project is skipped, never duplicated.
/// </summary>
public sealed partial class PageImporter(WorkbenchDbContext db, PageImageStore images, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <summary>Page files a folder import picks up: text, Markdown, and the layout formats (ALTO/PAGE .xml/.alto, hOCR .hocr/.html/.xhtml).</summary>
    public static readonly string[] Extensions = [".txt", ".md", ".markdown", ".xml", ".alto", ".hocr", ".html", ".htm", ".xhtml"];

    public async Task<ImportOutcome> ImportAsync(int projectId, string sourceName, byte[] bytes, SourceFormat? format = null, PageMetadata? metadata = null, CancellationToken cancellationToken = default) =>
        (await ImportPagesAsync(projectId, [new PageInput(sourceName, bytes, name => PageReader.Read(name, bytes, format), await SegmenterForAsync(projectId, cancellationToken), metadata)], cancellationToken))[0][0];

    /// <summary>
    /// Imports a page file with its image, if <paramref name="lookup"/> finds one (see <see cref="ImageLookups"/>). The page's outcome comes
    /// first; a refused image adds its own outcome, and the page is imported without it. A page already in the project gets the image.
    /// Many files: <see cref="ImportManyAsync"/>.
    /// </summary>
    /// <param name="encoding">How to read a text page that is not UTF-8 (see <see cref="TextEncodings"/>); the page keeps the original bytes' SHA-256.</param>
    public async Task<IReadOnlyList<ImportOutcome>> ImportWithImageAsync(int projectId, string sourceName, byte[] bytes, ImageLookup? lookup, SourceFormat? format = null, TextEncoding encoding = TextEncoding.Utf8, CancellationToken cancellationToken = default) =>
        (await ImportManyAsync(projectId, [new PageFile(sourceName, bytes, lookup)], format, encoding, cancellationToken))[0];

    /// <summary>
    /// PAGE XML with Transkribus article structure keeps its articles; everything else is segmented (rules, or the default model). Layout lines
    /// the segmenter leaves out (lines without text: a baseline-only PAGE file) go to one last article flagged for review (<see cref="UnclaimedLines"/>).
    /// </summary>
    internal static PageSegmentation Segment(SourcePage source) => Segment(source, Segmentation.ProjectSegmenters.Default);

    private static PageSegmentation Segment(SourcePage source, Func<SourcePage, PageSegmentation> segmenter) =>
        source.Format == SourceFormat.PageXml && source.Lines.Any(l => l.ArticleHint is not null)
            ? PageXmlReader.Segment(source)
            : UnclaimedLines.Keep(segmenter(source));

    /// <summary>The project's segmenter (its own model where that beat the rules on its held-out pages), keeping declared articles.</summary>
    private async Task<Func<SourcePage, PageSegmentation>> SegmenterForAsync(int projectId, CancellationToken cancellationToken)
    {
        var segmenter = await Segmentation.ProjectSegmenters.ForProjectAsync(db, projectId, cancellationToken);
        return source => Segment(source, segmenter);
    }

    /// <summary>
    /// Imports the ALTO pages of a METS issue (files listed in its fileSec, relative to the METS file's folder) with the METS articles as
    /// the segmentation. Pages are named "FOLDER_FILE" (the METS folder's name and the ALTO file's name). A page that is missing, outside
    /// the folder or unreadable is refused; the others are imported. Every page gets the issue's publication title and date from the METS
    /// MODS when it gives them (else what the folder's name says), and each article the METS type of its item (advertisement, table…).
    /// </summary>
    /// The scan of each page is the image file the METS physical structMap puts beside the ALTO file, else one found as for a folder import.
    public async Task<IReadOnlyList<ImportOutcome>> ImportMetsIssueAsync(int projectId, string metsPath, CancellationToken cancellationToken = default)
    {
        var metsName = Path.GetFileName(metsPath);
        var outcomes = new List<ImportOutcome>();
        MetsIssue issue;
        string issueSha;
        try
        {
            if (new FileInfo(metsPath).Length > PageReader.MaxBytes)
            {
                throw new PageRejectedException(metsName, Core.CoreText.Format("Import.TooLarge", PageReader.MaxBytes / (1024 * 1024)));
            }

            var metsBytes = await File.ReadAllBytesAsync(metsPath, cancellationToken);
            issueSha = PageFiles.Sha256(metsBytes);
            issue = MetsReader.Read(metsName, metsBytes);
        }
        catch (PageRejectedException e)
        {
            return [new ImportOutcome(metsName, ImportStatus.Rejected, e.Message)];
        }

        var folder = Path.GetFullPath(Path.GetDirectoryName(Path.GetFullPath(metsPath))!);
        var prefix = new DirectoryInfo(folder).Name;
        var pages = new Dictionary<string, (string Name, byte[] Bytes, AltoPage Alto, string Path)>(StringComparer.Ordinal);
        foreach (var reference in issue.Pages)
        {
            var name = $"{prefix}_{Path.GetFileName(reference.RelativePath)}";
            var path = Path.GetFullPath(Path.Combine(folder, reference.RelativePath));
            try
            {
                if (!ImportPaths.IsInside(folder, path))
                {
                    throw new PageRejectedException(name, ImportMessages.MetsOutside(metsName, reference.Href));
                }

                if (!File.Exists(path))
                {
                    throw new PageRejectedException(name, ImportMessages.MetsMissing(metsName, reference.Href));
                }

                if (new FileInfo(path).Length > PageReader.MaxBytes)
                {
                    throw new PageRejectedException(name, Core.CoreText.Format("Import.TooLarge", PageReader.MaxBytes / (1024 * 1024)));
                }

                var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
                pages[reference.FileId] = (name, bytes, AltoReader.ReadWithIds(name, bytes), path);
            }
            catch (PageRejectedException e)
            {
                outcomes.Add(new ImportOutcome(name, ImportStatus.Rejected, e.Message));
            }
        }

        var segmentations = MetsReader.Segment(issue, pages.ToDictionary(p => p.Key, p => p.Value.Alto, StringComparer.Ordinal));
        var named = PageMetadata.FromFileName(prefix);
        var issueMetadata = named with
        {
            Publication = issue.Title is { } title ? title[..Math.Min(title.Length, Page.MaxPublication)] : named.Publication,
            IssueDate = issue.Date ?? named.IssueDate,
        };
        var itemTypes = issue.Articles.Where(a => a.Type is not null).GroupBy(a => a.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Type![..Math.Min(g.First().Type!.Length, Article.MaxItemType)], StringComparer.Ordinal);
        var issueKey = $"mets:{issueSha[..16]}";
        var listed = issue.Pages.Where(r => pages.ContainsKey(r.FileId)).ToList();
        var results = await ImportPagesAsync(projectId, [.. listed.Select(reference =>
        {
            var (name, bytes, alto, path) = pages[reference.FileId];
            var segmentation = segmentations[reference.FileId];
            var metadata = issueMetadata with { PageNumber = reference.Order > 0 ? reference.Order : issueMetadata.PageNumber };
            return new PageInput(name, bytes, _ => alto.Page, _ => segmentation, metadata, issueKey, ImageLookups.ForMetsPage(path, folder, reference.ImageRelativePath), itemTypes);
        })], cancellationToken);
        outcomes.AddRange(results.SelectMany(r => r));
        var imported = results.Select(r => r[0]).Where(o => o.Status == ImportStatus.Imported && o.PageId is not null).Select(o => o.PageId!.Value).ToList();

        // One METS article over several pages: its parts (same METS article id, this import) are linked in page order.
        await ArticleLinks.LinkMetsIssueAsync(db, projectId, imported, clock.GetUtcNow(), cancellationToken);
        return outcomes;
    }

    /// <summary>The most lines a page may have. A newspaper page has a few thousand at most; a file with more is not a page.</summary>
    public const int MaxLines = 20_000;

    /// <summary>The page's row (SaveChanges) or a bulk insert met the project's unique (ProjectId, Sha256) index.</summary>
    private static bool IsUniqueViolation(Exception e) => e switch
    {
        DbUpdateException { InnerException: { } inner } => IsUniqueViolation(inner),
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Imports every page file of the given paths (files or folders, recursively), in a stable order. A folder holding a METS file
    /// yields the METS file (see <see cref="IsMetsFile"/>) and not the files below that folder: the METS import reads its ALTO pages.
    /// </summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths) => ImportFormats.ExpandPaths(paths, "text");

    /// <summary>An .xml file whose root element (sniffed in its first 4 KB) is METS.</summary>
    public static bool IsMetsFile(string path)
    {
        if (!path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        var buffer = new byte[4096];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var head = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        return MetsRoot().IsMatch(head);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<(?:[A-Za-z_][\w.-]*:)?mets[\s>/]", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex MetsRoot();
}
