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
public static class MetsReader
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

    /// <summary>The content items (see the class remarks) and the logical divs that contain them, outermost first.</summary>
    private static (List<MetsArticle> Items, List<XElement> Containers) Articles(XElement root, Dictionary<string, XElement> divsById)
    {
        var titles = ModsTitles(root);
        var logicalMaps = root.Below("structMap").Where(m => !string.Equals(m.Attr("TYPE"), "PHYSICAL", StringComparison.OrdinalIgnoreCase)).ToList();
        var logicalIds = logicalMaps.SelectMany(m => m.Below("div")).Select(d => d.Attr("ID")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var links = StructLinks(root, logicalIds, id => divsById.TryGetValue(id, out var div) && !IsContainer(div) && !IsPart(div));
        var articles = new List<MetsArticle>();
        var containers = new List<XElement>();
        var stack = new Stack<XElement>(logicalMaps.SelectMany(m => m.Children("div")).Reverse());
        while (stack.Count > 0)
        {
            var div = stack.Pop();
            if (!IsItem(div, links))
            {
                if (div.Below("div").Any(d => IsItem(d, links)))
                {
                    containers.Add(div);
                }

                foreach (var child in div.Children("div").Reverse())
                {
                    stack.Push(child);
                }

                continue;
            }

            var id = div.Attr("ID") ?? $"article{articles.Count + 1}";
            var parts = new List<MetsArticlePart>();
            foreach (var area in div.Below("area").Where(a => a.Attr("BEGIN") is not null && a.Attr("FILEID") is not null))
            {
                var heading = area.Ancestors().TakeWhile(a => a != div).Any(a => a.Name.LocalName == "div" && IsHeading(a.Attr("TYPE")));
                parts.Add(new MetsArticlePart(area.Attr("FILEID")!, area.Attr("BEGIN")!, heading ? MetsPartRole.Heading : MetsPartRole.Body) { EndId = area.Attr("END") });
            }

            foreach (var target in links.GetValueOrDefault(id) ?? [])
            {
                if (!divsById.TryGetValue(target, out var pageArea))
                {
                    continue;
                }

                var heading = IsHeading(pageArea.Attr("LABEL")) || IsHeading(pageArea.Attr("TYPE"));
                foreach (var area in pageArea.Below("area").Where(a => a.Attr("BEGIN") is not null && a.Attr("FILEID") is not null))
                {
                    parts.Add(new MetsArticlePart(area.Attr("FILEID")!, area.Attr("BEGIN")!, heading ? MetsPartRole.Heading : MetsPartRole.Body) { EndId = area.Attr("END") });
                }
            }

            var title = div.Attr("DMDID")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => titles.GetValueOrDefault(d)).FirstOrDefault(t => t is not null)
                ?? div.Attr("LABEL");
            articles.Add(new MetsArticle(id, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), parts) { Type = div.Attr("TYPE")?.Trim() is { Length: > 0 } type ? type : null });
        }

        return (articles, containers);
    }

    /// <summary>Logical div TYPEs that are content items whatever is below them (an item is never looked into for more items).</summary>
    private static readonly HashSet<string> ItemTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "article", "advertisement", "advert", "illustration", "table", "picture", "map", "chart", "graphic", "image", "figure",
        "photograph", "cartoon", "comic", "obituary", "death_notice", "notice", "announcement", "classified", "weather", "letter",
        "review", "poem", "feuilleton", "serial", "list", "index",
    };

    /// <summary>Logical div TYPEs that are parts of an item (never an item of their own).</summary>
    private static readonly HashSet<string> PartTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "heading", "title", "subtitle", "headline", "subheadline", "kicker", "body", "body_content", "paragraph", "text", "textblock",
        "caption", "author", "byline", "signature", "continuation", "footnote",
    };

    /// <summary>Logical div TYPEs that hold items (never an item of their own).</summary>
    private static readonly HashSet<string> ContainerTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "newspaper", "periodical", "volume", "year", "month", "day", "issue", "edition", "supplement", "content", "contents", "section",
    };

    private static bool IsPart(XElement div) => div.Attr("TYPE") is { } type && PartTypes.Contains(type.Trim());

    private static bool IsContainer(XElement div) => div.Attr("TYPE") is { } type && ContainerTypes.Contains(type.Trim());

    private static bool IsItemType(XElement div) => div.Attr("TYPE") is { } type && ItemTypes.Contains(type.Trim());

    private static bool IsItem(XElement div, Dictionary<string, List<string>> links)
    {
        if (IsItemType(div))
        {
            return true;
        }

        if (IsPart(div) || div.Below("div").Any(IsItemType))
        {
            return false;
        }

        var hasContent = div.Below("area").Any(a => a.Attr("BEGIN") is not null && a.Attr("FILEID") is not null)
            || (div.Attr("ID") is { } id && links.ContainsKey(id));
        return hasContent && (!IsContainer(div) || div.Children("div").Any(IsPart));
    }

    private static bool IsHeading(string? type) =>
        type is not null && (type.Equals("HEADING", StringComparison.OrdinalIgnoreCase) || type.Equals("TITLE", StringComparison.OrdinalIgnoreCase)
            || type.Equals("HEADLINE", StringComparison.OrdinalIgnoreCase));

    /// <summary>dmdSec ID → the first MODS titleInfo/title in it.</summary>
    private static Dictionary<string, string> ModsTitles(XElement root)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dmd in root.Below("dmdSec"))
        {
            var title = dmd.Below("titleInfo").SelectMany(t => t.Children("title")).Select(t => t.Value.Trim()).FirstOrDefault(t => t.Length > 0);
            if (dmd.Attr("ID") is { } id && title is not null)
            {
                titles.TryAdd(id, title);
            }
        }

        return titles;
    }

    /// <summary>
    /// The issue's title and date: from the MODS of the logical containers of the items (the ISSUE div first, then the others, innermost
    /// first), else of any div of TYPE issue (NDNP puts it on the physical issue div).
    /// </summary>
    private static (string? Title, DateOnly? Date) IssueMetadata(XElement root, List<XElement> containers)
    {
        var dmdSecs = root.Below("dmdSec").Where(d => d.Attr("ID") is not null).GroupBy(d => d.Attr("ID")!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        static bool IsIssue(XElement div) => string.Equals(div.Attr("TYPE")?.Trim(), "issue", StringComparison.OrdinalIgnoreCase);
        var candidates = containers.Where(IsIssue)
            .Concat(Enumerable.Reverse(containers).Where(d => !IsIssue(d)))
            .Concat(root.Below("div").Where(IsIssue));
        string? title = null;
        DateOnly? date = null;
        foreach (var div in candidates)
        {
            foreach (var id in div.Attr("DMDID")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])
            {
                if (!dmdSecs.TryGetValue(id, out var dmd))
                {
                    continue;
                }

                title ??= dmd.Below("titleInfo").SelectMany(t => t.Children("title")).Select(t => t.Value.Trim()).FirstOrDefault(t => t.Length > 0);
                date ??= dmd.Below("dateIssued").OrderByDescending(d => d.Attr("keyDate") == "yes").Select(d => ParseDate(d.Value)).FirstOrDefault(d => d is not null);
            }
        }

        return (title, date);
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "yyyyMMdd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"];

    internal static DateOnly? ParseDate(string value) =>
        DateTime.TryParseExact(value.Trim(), DateFormats, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed)
            ? DateOnly.FromDateTime(parsed)
            : null;

    /// <summary>
    /// Item div ID → the div IDs linked to it (smLinkGrp locators, or smLink from/to): in each link, the logical div that may be an item
    /// (<paramref name="linkable"/>) is linked to the targets outside the logical structMap (physical page areas).
    /// </summary>
    private static Dictionary<string, List<string>> StructLinks(XElement root, HashSet<string> logicalIds, Func<string, bool> linkable)
    {
        var links = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Link(string item, string target)
        {
            if (!links.TryGetValue(item, out var list))
            {
                list = [];
                links[item] = list;
            }

            list.Add(target);
        }

        foreach (var structLink in root.Below("structLink"))
        {
            foreach (var group in structLink.Children("smLinkGrp"))
            {
                var targets = group.Children("smLocatorLink").Select(l => l.Attr("href")?.TrimStart('#')).OfType<string>().ToList();
                var item = targets.FirstOrDefault(t => logicalIds.Contains(t) && linkable(t));
                if (item is not null)
                {
                    foreach (var target in targets.Where(t => !logicalIds.Contains(t)))
                    {
                        Link(item, target);
                    }
                }
            }

            foreach (var link in structLink.Children("smLink"))
            {
                var from = link.Attr("from")?.TrimStart('#');
                var to = link.Attr("to")?.TrimStart('#');
                if (from is not null && to is not null && logicalIds.Contains(from) && linkable(from) && !logicalIds.Contains(to))
                {
                    Link(from, to);
                }
            }
        }

        return links;
    }
}
