using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Workbench.Core.Pages;

/// <summary>
/// Reads ALTO (v1–v4, any namespace: elements are matched by local name).
/// <list type="bullet">
/// <item>Every <c>TextBlock</c> (also inside <c>ComposedBlock</c>s, at any depth) is a block; its ID is each line's <see cref="SourceLine.RegionId"/>.</item>
/// <item>Reading order: an ALTO 4 <c>ReadingOrder</c> when it names any line (eScriptorium and kraken write one): its groups are walked
/// depth first in document order (an <c>OrderedGroup</c>'s order is its children's; an <c>UnorderedGroup</c> is read as written), and
/// each <c>ElementRef@REF</c> adds the lines it names not named before: a TextLine itself, the line holding a String, every line of a
/// TextBlock or ComposedBlock. Lines it never names follow in document order. Without one, document order, unless blocks carry
/// <c>IDNEXT</c>: then chains are followed from each block no other block points to (chain heads in document order); blocks left out of
/// every chain (or in a cycle) follow in document order. A new block starts wherever the next line is in another TextBlock.</item>
/// <item>A line is its <c>String@CONTENT</c>s; <c>SP</c> is a space (two Strings without SP between them are also separated by one space),
/// except between CJK words (see <see cref="OcrLineText"/>; what the file said is kept as <see cref="SourceLine.RawText"/>);
/// <c>HYP@CONTENT</c> is appended as printed. Hyphenated words stay as OCR'd in each line (HypPart1 "Zei", HypPart2 "tung");
/// the full word (<c>SUBS_CONTENT</c>) is kept in <see cref="SourceLine.HyphenatedWord"/>.</item>
/// <item><c>MeasurementUnit</c> pixel, mm10 (1/10 mm) and inch1200 (1/1200 inch) are scaled to pixels. The resolution comes from
/// the caller, else from an <c>xResolution</c>/<c>XResolution</c> element or attribute in <c>Description</c>, else 300 dpi is assumed.</item>
/// <item>Lines without any String are kept with empty text (their box is still useful); they look blank to the text segmenter.</item>
/// </list>
/// </summary>
public static class AltoReader
{
    /// <summary>Reads a page and also maps every TextBlock, TextLine and String ID to its line number (a block to its first line).</summary>
    public static AltoPage ReadWithIds(string sourceName, ReadOnlySpan<byte> bytes, double? dpi = null)
    {
        var ids = new Ids();
        var page = Read(sourceName, XmlSafety.Load(sourceName, bytes), dpi, ids);
        return new AltoPage(page, ids.LineOfId) { LinesOfBlock = ids.LinesOfBlock.ToDictionary(p => p.Key, p => (IReadOnlyList<int>)[.. p.Value.Order()], StringComparer.Ordinal) };
    }

    /// <summary>What <see cref="ReadWithIds"/> collects while numbering lines.</summary>
    private sealed class Ids
    {
        public Dictionary<string, int> LineOfId { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<int>> LinesOfBlock { get; } = new(StringComparer.Ordinal);

        public void Add(XElement block, XElement line, int number)
        {
            foreach (var id in new[] { block.Attr("ID"), line.Attr("ID") }.Concat(line.Children("String").Select(s => s.Attr("ID"))).OfType<string>())
            {
                LineOfId.TryAdd(id, number);
            }

            // A METS area may name a TextBlock or a ComposedBlock around it (advertisements, tables): both map to all their lines.
            foreach (var id in block.AncestorsAndSelf().Where(e => e.Name.LocalName is "TextBlock" or "ComposedBlock").Select(e => e.Attr("ID")).OfType<string>())
            {
                if (!LinesOfBlock.TryGetValue(id, out var numbers))
                {
                    numbers = [];
                    LinesOfBlock[id] = numbers;
                }

                numbers.Add(number);
                LineOfId.TryAdd(id, number);
            }
        }
    }

    public const double DefaultDpi = 300;

    public static bool IsAlto(XDocument document) => document.Root?.Name.LocalName.Equals("alto", StringComparison.OrdinalIgnoreCase) == true;

    public static SourcePage Read(string sourceName, ReadOnlySpan<byte> bytes, double? dpi = null) =>
        Read(sourceName, XmlSafety.Load(sourceName, bytes), dpi);

    public static SourcePage Read(string sourceName, XDocument document, double? dpi = null) => Read(sourceName, document, dpi, null);

    private static SourcePage Read(string sourceName, XDocument document, double? dpi, Ids? ids)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!IsAlto(document))
        {
            throw new PageRejectedException(sourceName, CoreText.Get("Import.NotAlto"));
        }

        var root = document.Root!;
        var scale = Scale(root, dpi);
        var builder = new LayoutPageBuilder();
        var fontSizes = FontSizes(root);
        var tagRoles = TagRoles(root);
        var blocks = root.Below("TextBlock").ToList();
        var lines = ReadingOrder(root, blocks) ?? Order(blocks).SelectMany(b => b.Children("TextLine").Select(l => (Line: l, Block: b))).ToList();
        XElement? currentBlock = null;
        foreach (var (line, block) in lines)
        {
            if (block != currentBlock)
            {
                builder.StartBlock();
                currentBlock = block;
            }

            ids?.Add(block, line, builder.NextNumber);
            var (text, raw, hyphenated) = LineText(line);
            var box = LayoutPageBuilder.Box(line.Number("HPOS"), line.Number("VPOS"), line.Number("WIDTH"), line.Number("HEIGHT"), scale);
            builder.Add(text, box, block.Attr("ID"), RoleOfTags(line, tagRoles) ?? RoleOfTags(block, tagRoles), null, hyphenated, line.Attr("ID"), FontSize(block, line, fontSizes), raw);
        }

        var layoutPage = root.Child("Layout")?.Child("Page");
        return builder.Build(sourceName, SourceFormat.Alto) with
        {
            Width = LayoutPageBuilder.Size(layoutPage?.Number("WIDTH"), scale),
            Height = LayoutPageBuilder.Size(layoutPage?.Number("HEIGHT"), scale),
            ImageReference = LayoutPageBuilder.Reference(root.Child("Description")?.Child("sourceImageInformation")?.Child("fileName")?.Value),
            Graphics = Graphics(root, scale),
        };
    }

    /// <summary>TextStyle ID → FONTSIZE (points), from every <c>TextStyle</c> in the file.</summary>
    private static Dictionary<string, double> FontSizes(XElement root)
    {
        var sizes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var style in root.Below("TextStyle"))
        {
            if (style.Attr("ID") is { } id && style.Number("FONTSIZE") is { } size && size > 0)
            {
                sizes.TryAdd(id, size);
            }
        }

        return sizes;
    }

    /// <summary>
    /// The line's font size: the size its Strings' styles give, weighted by their characters; else the line's own STYLEREFS, else the block's.
    /// </summary>
    private static double? FontSize(XElement block, XElement line, Dictionary<string, double> sizes)
    {
        if (sizes.Count == 0)
        {
            return null;
        }

        double weighted = 0, characters = 0;
        foreach (var word in line.Children("String"))
        {
            if (StyleSize(word, sizes) is { } size)
            {
                var length = Math.Max(1, word.Attr("CONTENT")?.Length ?? 1);
                weighted += size * length;
                characters += length;
            }
        }

        return characters > 0 ? weighted / characters : StyleSize(line, sizes) ?? StyleSize(block, sizes);
    }

    private static double? StyleSize(XElement element, Dictionary<string, double> sizes)
    {
        if (element.Attr("STYLEREFS") is not { } refs)
        {
            return null;
        }

        foreach (var id in refs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (sizes.TryGetValue(id, out var size))
            {
                return size;
            }
        }

        return null;
    }

    /// <summary>ALTO tags (<c>LayoutTag</c>/<c>StructureTag</c>/<c>OtherTag</c>) whose LABEL or TYPE names a role: heading, caption, header/footer.</summary>
    private static Dictionary<string, Segmentation.BlockRole> TagRoles(XElement root)
    {
        var roles = new Dictionary<string, Segmentation.BlockRole>(StringComparer.Ordinal);
        foreach (var tag in root.Child("Tags")?.Elements() ?? [])
        {
            if (tag.Attr("ID") is { } id && PageXmlReader.Role((tag.Attr("LABEL") ?? tag.Attr("TYPE"))?.Trim() switch
                {
                    { } label when label.Contains("head", StringComparison.OrdinalIgnoreCase) && !label.Contains("header", StringComparison.OrdinalIgnoreCase) => "heading",
                    { } label when label.Contains("title", StringComparison.OrdinalIgnoreCase) => "heading",
                    { } label => label,
                    null => null,
                }) is { } role)
            {
                roles.TryAdd(id, role);
            }
        }

        return roles;
    }

    private static Segmentation.BlockRole? RoleOfTags(XElement element, Dictionary<string, Segmentation.BlockRole> roles)
    {
        if (roles.Count == 0 || element.Attr("TAGREFS") is not { } refs)
        {
            return null;
        }

        foreach (var id in refs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (roles.TryGetValue(id, out var role))
            {
                return role;
            }
        }

        return null;
    }

    /// <summary><c>Illustration</c> → picture, <c>GraphicalElement</c> → separator (ALTO uses it for rules and ornaments).</summary>
    private static List<PageGraphic> Graphics(XElement root, double scale)
    {
        var graphics = new List<PageGraphic>();
        foreach (var element in root.Descendants())
        {
            var kind = element.Name.LocalName switch
            {
                "Illustration" => GraphicKind.Picture,
                "GraphicalElement" => GraphicKind.Separator,
                _ => (GraphicKind?)null,
            };
            if (kind is not null
                && LayoutPageBuilder.Box(element.Number("HPOS"), element.Number("VPOS"), element.Number("WIDTH"), element.Number("HEIGHT"), scale) is { } box)
            {
                graphics.Add(new PageGraphic(kind.Value, box));
            }
        }

        return graphics;
    }

    private static (string Text, string? Raw, string? Hyphenated) LineText(XElement line)
    {
        var text = new OcrLineText();
        string? hyphenated = null;
        var previousWasString = false;
        foreach (var child in line.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "String":
                    if (previousWasString)
                    {
                        text.Space();
                    }

                    text.Word(child.Attr("CONTENT") ?? "");
                    if (child.Attr("SUBS_TYPE") is not null && child.Attr("SUBS_CONTENT") is { Length: > 0 } full)
                    {
                        hyphenated ??= full;
                    }

                    previousWasString = true;
                    break;
                case "SP":
                    text.Space();
                    previousWasString = false;
                    break;
                case "HYP":
                    text.Glued(child.Attr("CONTENT") ?? "-");
                    previousWasString = false;
                    break;
            }
        }

        var (joined, raw) = text.Result();
        return (joined.Trim(), raw?.Trim(), hyphenated);
    }

    /// <summary>
    /// The lines in the order of an ALTO 4 <c>ReadingOrder</c> (see the class remarks), each with its TextBlock, or null when there is
    /// none or it names no line. Walked with an explicit stack: groups may nest (as deep as <see cref="XmlSafety.MaxDepth"/> allows).
    /// </summary>
    private static List<(XElement Line, XElement Block)>? ReadingOrder(XElement root, List<XElement> blocks)
    {
        if (root.Child("ReadingOrder") is not { } readingOrder)
        {
            return null;
        }

        var all = blocks.SelectMany(b => b.Children("TextLine").Select(l => (Line: l, Block: b))).ToList();
        var blockOfLine = all.ToDictionary(p => p.Line, p => p.Block);
        var byId = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in root.Child("Layout")?.Descendants() ?? [])
        {
            if (element.Name.LocalName is "TextBlock" or "ComposedBlock" or "TextLine" or "String" && element.Attr("ID") is { } id)
            {
                byId.TryAdd(id, element);
            }
        }

        var ordered = new List<(XElement Line, XElement Block)>();
        var seen = new HashSet<XElement>();
        var stack = new Stack<XElement>(readingOrder.Elements().Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.Name.LocalName == "ElementRef")
            {
                if (node.Attr("REF") is { } reference && byId.TryGetValue(reference, out var target))
                {
                    var named = target.Name.LocalName switch
                    {
                        "TextLine" => [target],
                        "String" => target.Parent is { } parent ? [parent] : [],
                        _ => target.Below("TextLine"),
                    };
                    foreach (var line in named)
                    {
                        if (blockOfLine.TryGetValue(line, out var block) && seen.Add(line))
                        {
                            ordered.Add((line, block));
                        }
                    }
                }

                continue;
            }

            foreach (var child in node.Elements().Reverse())
            {
                stack.Push(child);
            }
        }

        if (ordered.Count == 0)
        {
            return null;
        }

        ordered.AddRange(all.Where(p => seen.Add(p.Line)));
        return ordered;
    }

    private static List<XElement> Order(List<XElement> blocks)
    {
        var byId = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            if (block.Attr("ID") is { } id)
            {
                byId.TryAdd(id, block);
            }
        }

        var next = new Dictionary<XElement, XElement>();
        foreach (var block in blocks)
        {
            if (block.Attr("IDNEXT") is { } target && byId.TryGetValue(target, out var successor) && successor != block)
            {
                next[block] = successor;
            }
        }

        if (next.Count == 0)
        {
            return blocks;
        }

        var pointedTo = next.Values.ToHashSet();
        var done = new HashSet<XElement>();
        var order = new List<XElement>();
        foreach (var head in blocks.Where(b => !pointedTo.Contains(b)))
        {
            for (var current = head; current is not null && done.Add(current); current = next.GetValueOrDefault(current))
            {
                order.Add(current);
            }
        }

        order.AddRange(blocks.Where(done.Add));
        return order;
    }

    private static double Scale(XElement root, double? dpi)
    {
        var description = root.Child("Description");
        var unit = description?.Child("MeasurementUnit")?.Value.Trim().ToLowerInvariant() ?? "pixel";
        if (unit == "pixel")
        {
            return 1.0;
        }

        var resolution = dpi ?? Resolution(description) ?? DefaultDpi;
        return unit switch
        {
            "mm10" => resolution / 254.0,
            "inch1200" => resolution / 1200.0,
            _ => 1.0,
        };
    }

    private static double? Resolution(XElement? description)
    {
        if (description is null)
        {
            return null;
        }

        foreach (var element in description.DescendantsAndSelf())
        {
            foreach (var name in new[] { "xResolution", "XResolution" })
            {
                var value = element.Name.LocalName == name ? element.Value : element.Attr(name);
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var dpi) && dpi > 0)
                {
                    return dpi;
                }
            }
        }

        return null;
    }
}

/// <summary>An ALTO page with the line number of every TextBlock/ComposedBlock/TextLine/String ID (for METS areas that name word ranges).</summary>
public sealed record AltoPage(SourcePage Page, IReadOnlyDictionary<string, int> LineOfId)
{
    /// <summary>Every TextBlock and ComposedBlock ID → the numbers of all lines inside it, ascending (METS areas naming a block).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> LinesOfBlock { get; init; } = new Dictionary<string, IReadOnlyList<int>>();
}
