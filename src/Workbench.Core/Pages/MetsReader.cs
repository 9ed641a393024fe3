using System.Xml.Linq;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Pages;

/// <summary>One ALTO page of a METS issue: its METS file ID, the href as written (<c>file://./ALTO/00001.xml</c>) and its 1-based order.</summary>
public sealed record MetsPageRef(string FileId, string Href, int Order)
{
    /// <summary>
    /// The href of the page's scan (a fileSec image file in the same physical <c>div TYPE="page"</c> as the ALTO file), or null.
    /// </summary>
    public string? ImageHref { get; init; }

    /// <summary><see cref="ImageHref"/> as a relative path, or null.</summary>
    public string? ImageRelativePath => ImageHref is null ? null : MetsReader.RelativePath(ImageHref);

    /// <summary>The href as a relative path (<c>ALTO/00001.xml</c>): <c>file://</c> and <c>./</c> removed, forward slashes.</summary>
    public string RelativePath => MetsReader.RelativePath(Href);
}

public enum MetsPartRole
{
    Heading,
    Body,
}

/// <summary>
/// One piece of an article: a block of an ALTO file. <see cref="BlockId"/> is the area's BEGIN (a TextBlock ID in NDNP METS);
/// <see cref="EndId"/> is the area's END when given (British Library areas name a word range BEGIN..END).
/// </summary>
public sealed record MetsArticlePart(string FileId, string BlockId, MetsPartRole Role)
{
    public string? EndId { get; init; }
}

/// <summary>One content item of the logical structMap (an article, advertisement, illustration, table, …) with its parts.</summary>
public sealed record MetsArticle(string Id, string? Title, IReadOnlyList<MetsArticlePart> Parts)
{
    /// <summary>The div's TYPE as the METS file writes it (<c>ARTICLE</c>, <c>Article</c>, <c>ADVERTISEMENT</c>, <c>ADVERT</c>, <c>TABLE</c>…).</summary>
    public string? Type { get; init; }

    /// <summary>Whether <see cref="Type"/> is an article (any case) or not given: the other kinds are shown and exported with their type.</summary>
    public bool IsArticle => Type is null || Type.Equals("article", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A METS issue: its ALTO pages, its content items, and what its MODS says of the issue.</summary>
public sealed record MetsIssue(IReadOnlyList<MetsPageRef> Pages, IReadOnlyList<MetsArticle> Articles)
{
    /// <summary>The publication's title from the issue's MODS (<c>titleInfo/title</c>), when given.</summary>
    public string? Title { get; init; }

    /// <summary>The issue date from the issue's MODS (<c>originInfo/dateIssued</c>), when given as a full date.</summary>
    public DateOnly? Date { get; init; }
}

/// <summary>
/// Reads the article structure of a newspaper METS file (any namespace prefix).
/// <list type="bullet">
/// <item>Pages: the files of the fileSec that are ALTO (fileGrp USE/ID or file ID/MIMETYPE/href says ALTO, text or XML), ordered by the
/// physical structMap (the order in which pages point at them), else by fileSec order.</item>
/// <item>Items: every content div of the logical structMap, not only articles: a div whose TYPE names an item (article, advertisement,
/// advert, illustration, table, picture, map, …), or any other div with content (areas below it, or structLinks) that is not a part of an
/// item (heading, title, body, paragraph, text, textblock, caption, …), not a container of items (issue, volume, section, content…) and has
/// no item below it (Europeana's TITLE_SECTION, a SECTION of loose paragraphs). An item's TYPE is kept as written (<see cref="MetsArticle.Type"/>).
/// Items are not looked for inside items: an illustration inside an article is part of the article.</item>
/// <item>NDNP/Europeana style (Library of Congress, RERO, BnF, impresso): every <c>area BEGIN=…</c> below an item is a part, a heading if a div
/// between the area and the item has TYPE HEADING, TITLE or HEADLINE, else body. Parts keep document order. BEGIN may name a TextBlock or a
/// ComposedBlock (advertisements and tables often are one): a ComposedBlock gives all the lines of its TextBlocks.</item>
/// <item>British Library style: items without areas, linked by <c>structLink/smLinkGrp</c> (smLocatorLinks to the item and to physical
/// <c>pagearea</c> divs) or by plain <c>smLink from/to</c>; each pagearea's IDREF area is a part, a heading when the
/// pagearea LABEL is Headline/Title. Its BEGIN/END are word IDs: they are resolved (whole lines, from BEGIN's line to END's line) when the pages
/// come from <see cref="AltoReader.ReadWithIds"/>; with plain <see cref="SourcePage"/>s only TextBlock IDs resolve.</item>
/// <item>Title: the MODS title of the item's DMDID when present, else the div LABEL.</item>
/// <item>Issue: the publication title and issue date of the MODS of the logical divs around the items (the ISSUE div first, then the others,
/// outermost last), else of any div of TYPE issue; dates written <c>yyyy-MM-dd</c>, <c>dd.MM.yyyy</c> or <c>yyyyMMdd</c> are read.</item>
/// </list>
/// The divs are walked with explicit stacks; <see cref="XmlSafety"/> refuses nesting deeper than <see cref="XmlSafety.MaxDepth"/>.
/// </summary>
public static partial class MetsReader
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".jp2"];

    public static bool IsMets(XDocument document) => document.Root?.Name.LocalName == "mets";

    public static MetsIssue Read(string sourceName, ReadOnlySpan<byte> bytes) => Read(sourceName, XmlSafety.Load(sourceName, bytes));

    public static MetsIssue Read(string sourceName, XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!IsMets(document))
        {
            throw new PageRejectedException(sourceName, CoreText.Get("Import.NotMets"));
        }

        var root = document.Root!;
        var divsById = root.Below("div").Where(d => d.Attr("ID") is not null).GroupBy(d => d.Attr("ID")!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var (articles, containers) = Articles(root, divsById);
        var (title, date) = IssueMetadata(root, containers);
        return new MetsIssue(Pages(root), articles) { Title = title, Date = date };
    }

    /// <summary>
    /// One <see cref="PageSegmentation"/> per page (keyed by METS file ID) for the pages given, read as ALTO (lines carry the TextBlock ID
    /// in <see cref="SourceLine.RegionId"/>). An article spanning pages becomes one article on each page, all with the METS article ID as
    /// <see cref="SegmentArticle.ExternalId"/> and Confidence 1.0. Lines in no METS article go to one last article with no ExternalId and
    /// Confidence 0 (see <see cref="ImportedSegmentation"/>). Title: the article's heading lines on that page, else the METS title.
    /// </summary>
    public static IReadOnlyDictionary<string, PageSegmentation> Segment(MetsIssue issue, IReadOnlyDictionary<string, SourcePage> pagesByFileId)
    {
        ArgumentNullException.ThrowIfNull(pagesByFileId);
        return Segment(issue, pagesByFileId.ToDictionary(p => p.Key, p => new AltoPage(p.Value, new Dictionary<string, int>()), StringComparer.Ordinal));
    }

    /// <summary>
    /// As <see cref="Segment(MetsIssue, IReadOnlyDictionary{string, SourcePage})"/>, and a part whose BEGIN is not a TextBlock ID is resolved
    /// through <see cref="AltoPage.LineOfId"/>: the lines from BEGIN's line to END's line (British Library word ranges).
    /// A line claimed by two articles stays with the first.
    /// </summary>
    public static IReadOnlyDictionary<string, PageSegmentation> Segment(MetsIssue issue, IReadOnlyDictionary<string, AltoPage> pagesByFileId)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(pagesByFileId);
        var titles = issue.Articles.ToDictionary(a => a.Id, a => a.Title, StringComparer.Ordinal);
        var result = new Dictionary<string, PageSegmentation>(StringComparer.Ordinal);
        foreach (var (fileId, alto) in pagesByFileId)
        {
            var page = alto.Page;
            var linesOfRegion = page.Lines.Where(l => l.RegionId is not null).GroupBy(l => l.RegionId!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(l => l.Number).ToList(), StringComparer.Ordinal);
            var articleOfLine = new string?[page.Lines.Count];
            var roleOfLine = new BlockRole?[page.Lines.Count];
            foreach (var article in issue.Articles)
            {
                foreach (var part in article.Parts.Where(p => p.FileId == fileId))
                {
                    IEnumerable<int> numbers = [];
                    if (linesOfRegion.TryGetValue(part.BlockId, out var regionLines) && part.EndId is null)
                    {
                        numbers = regionLines;
                    }
                    else if (part.EndId is null && alto.LinesOfBlock.TryGetValue(part.BlockId, out var blockLines))
                    {
                        numbers = blockLines; // a ComposedBlock: the lines of all its TextBlocks
                    }
                    else if (alto.LineOfId.TryGetValue(part.BlockId, out var first))
                    {
                        var last = part.EndId is not null && alto.LineOfId.TryGetValue(part.EndId, out var end) ? end
                            : linesOfRegion.TryGetValue(part.BlockId, out var block) ? block[^1] : first;
                        numbers = Enumerable.Range(first, Math.Max(0, last - first + 1));
                    }

                    foreach (var number in numbers)
                    {
                        if (articleOfLine[number - 1] is null && !ImportedSegmentation.IsSeparator(page.Line(number)))
                        {
                            articleOfLine[number - 1] = article.Id;
                            roleOfLine[number - 1] = part.Role == MetsPartRole.Heading ? BlockRole.Headline : BlockRole.Body;
                        }
                    }
                }
            }

            result[fileId] = ImportedSegmentation.Build(page, articleOfLine, id => titles.GetValueOrDefault(id), roleOfLine);
        }

        return result;
    }

    /// <summary>An href or file reference as a relative path: <c>file://</c> and leading <c>./</c> removed, forward slashes, unescaped.</summary>
    public static string RelativePathOf(string href) => RelativePath(href);

    internal static string RelativePath(string href)
    {
        var path = href.Replace('\\', '/');
        if (path.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            path = path["file://".Length..];
        }

        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return Uri.UnescapeDataString(path);
    }

    private static List<MetsPageRef> Pages(XElement root)
    {
        var files = new List<(string Id, string Href)>();
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in root.Below("file"))
        {
            var id = file.Attr("ID");
            var href = file.Child("FLocat")?.Attr("href");
            if (id is null || href is null)
            {
                continue;
            }

            var group = file.Parent;
            var hints = string.Join(' ', id, href, file.Attr("MIMETYPE"), group?.Attr("USE"), group?.Attr("ID")).ToLowerInvariant();
            var isXml = href.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
            if (isXml && (hints.Contains("alto", StringComparison.Ordinal) || hints.Contains("text", StringComparison.Ordinal) || hints.Contains("ocr", StringComparison.Ordinal)))
            {
                files.Add((id, href));
            }
            else if (!isXml && (file.Attr("MIMETYPE")?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true
                || ImageExtensions.Contains(Path.GetExtension(RelativePath(href)).ToLowerInvariant())
                || hints.Contains("img", StringComparison.Ordinal) || hints.Contains("image", StringComparison.Ordinal) || hints.Contains("master", StringComparison.Ordinal)))
            {
                images.TryAdd(id, href);
            }
        }

        // A physical page div points at its ALTO file and its scan(s): the first image file it names is the page's image.
        var imageOfFile = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var div in root.Below("structMap").Where(m => string.Equals(m.Attr("TYPE"), "PHYSICAL", StringComparison.OrdinalIgnoreCase))
            .SelectMany(m => m.Below("div")).Where(d => string.Equals(d.Attr("TYPE"), "page", StringComparison.OrdinalIgnoreCase)))
        {
            var ids = div.Below("fptr").Select(f => f.Attr("FILEID") ?? f.Below("area").FirstOrDefault()?.Attr("FILEID")).OfType<string>().ToList();
            // JPEG 2000 masters are common but browsers cannot show them: a derivative in another format wins.
            if (ids.Where(images.ContainsKey).OrderBy(i => Path.GetExtension(RelativePath(images[i])).Equals(".jp2", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault() is { } imageId)
            {
                foreach (var id in ids.Where(i => !images.ContainsKey(i)))
                {
                    imageOfFile.TryAdd(id, images[imageId]);
                }
            }
        }

        var physicalOrder = root.Below("structMap")
            .Where(m => string.Equals(m.Attr("TYPE"), "PHYSICAL", StringComparison.OrdinalIgnoreCase))
            .SelectMany(m => m.Below("fptr"))
            .Select(f => f.Attr("FILEID") ?? f.Below("area").FirstOrDefault()?.Attr("FILEID"))
            .Where(id => id is not null)
            .Select((id, index) => (id!, index))
            .GroupBy(p => p.Item1, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(p => p.index), StringComparer.Ordinal);
        return files
            .Select((f, index) => (f, index))
            .OrderBy(p => physicalOrder.TryGetValue(p.f.Id, out var position) ? position : int.MaxValue)
            .ThenBy(p => p.index)
            .Select((p, order) => new MetsPageRef(p.f.Id, p.f.Href, order + 1) { ImageHref = imageOfFile.GetValueOrDefault(p.f.Id) })
            .ToList();
    }
}
