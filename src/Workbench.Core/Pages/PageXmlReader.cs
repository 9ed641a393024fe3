using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Pages;

/// <summary>
/// Reads PRImA PAGE XML (2009–2019 schemas, any namespace).
/// <list type="bullet">
/// <item>Reading order: <c>ReadingOrder</c>'s <c>OrderedGroup</c>/<c>UnorderedGroup</c>, nested at any depth; indexed children are sorted by
/// <c>index</c> (gaps are fine), unordered ones keep document order. A group's own <c>regionRef</c> comes first. Text regions the reading
/// order does not mention follow in document order; with no <c>ReadingOrder</c> at all, document order is used.</item>
/// <item><c>TextRegion@type</c> → <see cref="SourceLine.RegionRole"/>: heading → Headline, caption → Caption, credit → Credit,
/// header/footer/page-number/catch-word/signature-mark/marginalia → Other, paragraph/footnote/endnote → Body; other types: none.</item>
/// <item>Line text: <c>TextLine/TextEquiv/Unicode</c> (lowest <c>index</c> first), else its Words' text joined with spaces (none between
/// CJK words, see <see cref="OcrLineText"/>; the spaced form is kept as <see cref="SourceLine.RawText"/>). If no line of a
/// region has text but the region has a <c>TextEquiv</c>, that text is split on newlines into lines (without boxes).</item>
/// <item>Lines without any text (baseline-only ground truth) are kept with empty text, so their boxes and article hints survive.</item>
/// <item>Boxes: the bounding box of <c>Coords@points</c> (else of <c>Baseline@points</c>). Lines inside a region are ordered by Transkribus
/// <c>custom="readingOrder {index:n;}"</c> when every line has one, else document order.</item>
/// <item>Transkribus <c>custom="structure {id:a2; type:article;}"</c> on a line (or, failing that, on its region) becomes
/// <see cref="SourceLine.ArticleHint"/>; <see cref="Segment"/> turns the hints into articles.</item>
/// </list>
/// </summary>
public static partial class PageXmlReader
{
    public static bool IsPageXml(XDocument document) => document.Root?.Name.LocalName == "PcGts";

    public static SourcePage Read(string sourceName, ReadOnlySpan<byte> bytes) => Read(sourceName, XmlSafety.Load(sourceName, bytes));

    public static SourcePage Read(string sourceName, XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!IsPageXml(document))
        {
            throw new PageRejectedException(sourceName, CoreText.Get("Import.NotPageXml"));
        }

        var page = document.Root!.Child("Page") ?? throw new PageRejectedException(sourceName, CoreText.Get("Import.NoPageElement"));
        var regions = page.Below("TextRegion").ToList();
        var builder = new LayoutPageBuilder();
        foreach (var region in Order(page, regions))
        {
            builder.StartBlock();
            var regionId = region.Attr("id");
            var role = Role(region.Attr("type"));
            var regionHint = Article(region.Attr("custom"));
            var regionSize = FontSize(region);
            var lines = LinesOf(region);
            if (lines.Count > 0 && lines.Any(l => l.Text.Length > 0) || RegionText(region) is not { Length: > 0 } regionText)
            {
                foreach (var line in lines)
                {
                    builder.Add(line.Text, line.Box, regionId, role, line.Hint ?? regionHint, lineId: line.Id, fontSize: line.FontSize ?? regionSize, rawText: line.Raw);
                }
            }
            else
            {
                foreach (var text in PageReader.SplitLines(regionText))
                {
                    builder.Add(text, null, regionId, role, regionHint, fontSize: regionSize);
                }
            }
        }

        return builder.Build(sourceName, SourceFormat.PageXml) with
        {
            Width = LayoutPageBuilder.Size(page.Number("imageWidth")),
            Height = LayoutPageBuilder.Size(page.Number("imageHeight")),
            ImageReference = LayoutPageBuilder.Reference(page.Attr("imageFilename")),
            Graphics = Graphics(page),
        };
    }

    /// <summary>The element's own <c>TextStyle@fontSize</c>.</summary>
    private static double? FontSize(XElement element) => element.Child("TextStyle")?.Number("fontSize");

    /// <summary>The median font size of a line's words, when the line has no TextStyle of its own.</summary>
    private static double? WordFontSize(XElement line)
    {
        var sizes = line.Children("Word").Select(FontSize).OfType<double>().Order().ToList();
        return sizes.Count == 0 ? null : sizes[sizes.Count / 2];
    }

    /// <summary><c>SeparatorRegion</c> → separator; <c>ImageRegion</c>/<c>GraphicRegion</c> → picture.</summary>
    private static List<PageGraphic> Graphics(XElement page)
    {
        var graphics = new List<PageGraphic>();
        foreach (var element in page.Descendants())
        {
            GraphicKind? kind = element.Name.LocalName switch
            {
                "SeparatorRegion" => GraphicKind.Separator,
                "ImageRegion" or "GraphicRegion" => GraphicKind.Picture,
                _ => null,
            };
            if (kind is not null && BoxOf(element.Child("Coords")) is { } box)
            {
                graphics.Add(new PageGraphic(kind.Value, box));
            }
        }

        return graphics;
    }

    /// <summary>
    /// Articles from the lines' <see cref="SourceLine.ArticleHint"/>s (in order of first appearance, Confidence 1.0, ExternalId = the hint);
    /// lines with no hint go to a last article with no ExternalId and Confidence 0 (nothing says where they belong).
    /// </summary>
    public static PageSegmentation Segment(SourcePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return ImportedSegmentation.Build(page, page.Lines.Select(l => l.ArticleHint).ToList(), _ => null);
    }

    internal static BlockRole? Role(string? type) => type?.ToLowerInvariant() switch
    {
        "heading" => BlockRole.Headline,
        "caption" => BlockRole.Caption,
        "credit" => BlockRole.Credit,
        "header" or "footer" or "page-number" or "catch-word" or "signature-mark" or "marginalia" => BlockRole.Other,
        "paragraph" or "footnote" or "footnote-continued" or "endnote" => BlockRole.Body,
        _ => null,
    };

    private sealed record LineInfo(string Text, LineBox? Box, string? Hint, int? Index, string? Id, double? FontSize, string? Raw = null);

    private static List<LineInfo> LinesOf(XElement region)
    {
        var lines = region.Children("TextLine").Select(line =>
        {
            var custom = line.Attr("custom");
            var (text, raw) = TextOf(line) is { } own ? (own, null) : WordsOf(line);
            return new LineInfo(text, BoxOf(line.Child("Coords")) ?? BoxOf(line.Child("Baseline")), Article(custom), Index(custom), line.Attr("id"), FontSize(line) ?? WordFontSize(line), raw);
        }).ToList();
        return lines.Count > 0 && lines.All(l => l.Index is not null) ? lines.OrderBy(l => l.Index).ToList() : lines;
    }

    private static string? RegionText(XElement region) => TextOf(region);

    private static (string Text, string? Raw) WordsOf(XElement line)
    {
        var text = new OcrLineText();
        foreach (var word in line.Children("Word").Select(TextOf).OfType<string>())
        {
            text.Space();
            text.Word(word);
        }

        return text.Result();
    }

    private static string? TextOf(XElement element)
    {
        var equiv = element.Children("TextEquiv")
            .OrderBy(e => int.TryParse(e.Attr("index"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .FirstOrDefault();
        var unicode = equiv?.Child("Unicode")?.Value;
        return string.IsNullOrEmpty(unicode) ? null : unicode.Trim('\r', '\n');
    }

    internal static LineBox? BoxOf(XElement? coords)
    {
        if (coords is null)
        {
            return null;
        }

        var xs = new List<double>();
        var ys = new List<double>();
        if (coords.Attr("points") is { } points)
        {
            foreach (var pair in points.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split(',');
                if (parts.Length == 2
                    && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
                {
                    xs.Add(x);
                    ys.Add(y);
                }
            }
        }
        else
        {
            foreach (var point in coords.Children("Point"))
            {
                if (point.Number("x") is { } x && point.Number("y") is { } y)
                {
                    xs.Add(x);
                    ys.Add(y);
                }
            }
        }

        return xs.Count == 0 ? null : LayoutPageBuilder.Box(xs.Min(), ys.Min(), xs.Max() - xs.Min(), ys.Max() - ys.Min());
    }

    private static List<XElement> Order(XElement page, List<XElement> regions)
    {
        var readingOrder = page.Child("ReadingOrder");
        if (readingOrder is null)
        {
            return regions;
        }

        var byId = regions.Where(r => r.Attr("id") is not null).GroupBy(r => r.Attr("id")!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // Depth first with an explicit stack: groups nest, and a file may nest them as deep as XmlSafety.MaxDepth allows.
        var ordered = new List<XElement>();
        var seen = new HashSet<XElement>();
        var stack = new Stack<XElement>(readingOrder.Elements().Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Attr("regionRef") is { } reference && byId.TryGetValue(reference, out var region) && seen.Add(region))
            {
                ordered.Add(region);
            }

            var children = node.Elements().Where(e => e.Name.LocalName.StartsWith("RegionRef", StringComparison.Ordinal)
                || e.Name.LocalName.StartsWith("OrderedGroup", StringComparison.Ordinal)
                || e.Name.LocalName.StartsWith("UnorderedGroup", StringComparison.Ordinal));
            if (node.Name.LocalName.StartsWith("OrderedGroup", StringComparison.Ordinal))
            {
                children = children.OrderBy(e => e.Number("index") ?? double.MaxValue);
            }

            foreach (var child in children.Reverse())
            {
                stack.Push(child);
            }
        }

        ordered.AddRange(regions.Where(seen.Add));
        return ordered;
    }

    internal static string? Article(string? custom)
    {
        if (custom is null)
        {
            return null;
        }

        var match = Structure().Match(custom);
        if (!match.Success)
        {
            return null;
        }

        var properties = Properties(match.Groups[1].Value);
        return properties.GetValueOrDefault("type") is { } type && type.Equals("article", StringComparison.OrdinalIgnoreCase)
            ? properties.GetValueOrDefault("id")
            : null;
    }

    private static int? Index(string? custom)
    {
        var match = custom is null ? null : ReadingOrderIndex().Match(custom);
        return match is { Success: true } && int.TryParse(Properties(match.Groups[1].Value).GetValueOrDefault("index"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            ? i
            : null;
    }

    private static Dictionary<string, string> Properties(string body)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in body.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                properties[item[..colon].Trim()] = item[(colon + 1)..].Trim();
            }
        }

        return properties;
    }

    [GeneratedRegex(@"(?:^|\s)structure\s*\{([^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Structure();

    [GeneratedRegex(@"(?:^|\s)readingOrder\s*\{([^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex ReadingOrderIndex();
}
