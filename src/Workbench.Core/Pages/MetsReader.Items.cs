using System.Xml.Linq;

namespace Workbench.Core.Pages;

/// <summary>The logical structMap of a METS file: its content items, the links of British Library style items, the issue's MODS.</summary>
public static partial class MetsReader
{
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
