using System.Xml.Linq;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Pages;

/// <summary>One ALTO page of a METS issue: its METS file ID, the href as written (<c>file://./ALTO/00001.xml</c>) and its 1-based order.</summary>
public sealed record MetsPageRef(string FileId, string Href, int Order)
{
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

public sealed record MetsArticle(string Id, string? Title, IReadOnlyList<MetsArticlePart> Parts);

public sealed record MetsIssue(IReadOnlyList<MetsPageRef> Pages, IReadOnlyList<MetsArticle> Articles);

/// <summary>
/// Reads the article structure of a newspaper METS file (any namespace prefix).
/// <list type="bullet">
/// <item>Pages: the files of the fileSec that are ALTO (fileGrp USE/ID or file ID/MIMETYPE/href says ALTO, text or XML), ordered by the
/// physical structMap (the order in which pages point at them), else by fileSec order.</item>
/// <item>NDNP style (Library of Congress, RERO, impresso): logical structMap <c>div TYPE="Article"</c> (any case); every
/// <c>area BEGIN=…</c> below it is a part, a heading if a div between the area and the article has TYPE HEADING or TITLE, else body.
/// Parts keep document order.</item>
/// <item>British Library style: <c>div TYPE="ARTICLE"</c> without areas, linked by <c>structLink/smLinkGrp</c> (smLocatorLinks to the
/// article and to physical <c>pagearea</c> divs) or by plain <c>smLink from/to</c>; each pagearea's IDREF area is a part, a heading when the
/// pagearea LABEL is Headline/Title. Its BEGIN/END are word IDs: they are resolved (whole lines, from BEGIN's line to END's line) when the pages
/// come from <see cref="AltoReader.ReadWithIds"/>; with plain <see cref="SourcePage"/>s only TextBlock IDs resolve.</item>
/// <item>Title: the MODS title of the article's DMDID when present, else the div LABEL.</item>
/// </list>
/// </summary>
public static class MetsReader
{
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
        return new MetsIssue(Pages(root), Articles(root, divsById));
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
            .Select((p, order) => new MetsPageRef(p.f.Id, p.f.Href, order + 1))
            .ToList();
    }

    private static List<MetsArticle> Articles(XElement root, Dictionary<string, XElement> divsById)
    {
        var titles = ModsTitles(root);
        var links = StructLinks(root);
        var articles = new List<MetsArticle>();
        var logical = root.Below("structMap").Where(m => !string.Equals(m.Attr("TYPE"), "PHYSICAL", StringComparison.OrdinalIgnoreCase));
        foreach (var div in logical.SelectMany(m => m.Below("div")).Where(IsArticle))
        {
            if (div.Ancestors().Any(a => a.Name.LocalName == "div" && IsArticle(a)))
            {
                continue; // a nested article is part of its outer one
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
            articles.Add(new MetsArticle(id, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), parts));
        }

        return articles;
    }

    private static bool IsArticle(XElement div) => string.Equals(div.Attr("TYPE"), "article", StringComparison.OrdinalIgnoreCase);

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

    /// <summary>Article div ID → the div IDs linked to it (smLinkGrp locators, or smLink from/to).</summary>
    private static Dictionary<string, List<string>> StructLinks(XElement root)
    {
        var links = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var articleIds = root.Below("div").Where(IsArticle).Select(d => d.Attr("ID")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        void Link(string article, string target)
        {
            if (!links.TryGetValue(article, out var list))
            {
                list = [];
                links[article] = list;
            }

            list.Add(target);
        }

        foreach (var structLink in root.Below("structLink"))
        {
            foreach (var group in structLink.Children("smLinkGrp"))
            {
                var targets = group.Children("smLocatorLink").Select(l => l.Attr("href")?.TrimStart('#')).OfType<string>().ToList();
                var article = targets.FirstOrDefault(articleIds.Contains);
                if (article is not null)
                {
                    foreach (var target in targets.Where(t => !articleIds.Contains(t)))
                    {
                        Link(article, target);
                    }
                }
            }

            foreach (var link in structLink.Children("smLink"))
            {
                var from = link.Attr("from")?.TrimStart('#');
                var to = link.Attr("to")?.TrimStart('#');
                if (from is not null && to is not null && articleIds.Contains(from) && !articleIds.Contains(to))
                {
                    Link(from, to);
                }
            }
        }

        return links;
    }
}
