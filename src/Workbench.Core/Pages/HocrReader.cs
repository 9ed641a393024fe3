using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Pages;

/// <summary>
/// Reads hOCR (XHTML, parsed as XML with <see cref="XmlSafety"/>; HTML that is not well-formed XML is refused with its position).
/// A standard HTML doctype (<c>&lt;!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "…"&gt;</c>, <c>&lt;!DOCTYPE html&gt;</c>)
/// is skipped without being read or fetched; a doctype with an internal subset (entity declarations) is refused like any DTD.
/// <list type="bullet">
/// <item>Lines: elements with class <c>ocr_line</c>, <c>ocrx_line</c>, <c>ocr_caption</c>, <c>ocr_header</c>, <c>ocr_textfloat</c> (the
/// innermost one when nested); the text is the <c>ocrx_word</c>s joined by <see cref="OcrLineText"/> (single spaces, none between CJK
/// words; the file's spacing kept as <see cref="SourceLine.RawText"/>), else the line's own text, whitespace collapsed.</item>
/// <item>A word's text is its own text and its character boxes (<c>hocr_char_boxes</c>: <c>ocrx_cinfo</c> with <c>x_bboxes</c>),
/// never the alternatives an engine lists beside them: Tesseract's <c>lstm_choice_mode</c> writes <c>ocr_symbol</c> spans and
/// <c>ocrx_cinfo</c> spans with ids <c>lstm_choices_*</c>/<c>timestep*</c>/<c>choice_*</c> (titles with <c>x_confs</c>); the hOCR
/// spec's <c>&lt;del class="alt"&gt;</c> alternatives are left out too.</item>
/// <item>Blocks: a line's nearest <c>ocr_par</c>, else <c>ocr_carea</c>; its id is <see cref="SourceLine.RegionId"/>; one blank line between blocks.</item>
/// <item>Order: siblings with <c>order N</c> in their title are read by N (the others keep document order after them); then an area with a
/// <c>cflow</c> is read with all areas of the same flow where the flow first appears (other lines stay in place), and the flow name becomes <see cref="SourceLine.ArticleHint"/>.</item>
/// <item>Box: <c>bbox x0 y0 x1 y1</c> of the line. Roles: ocr_header → Headline, ocr_caption → Caption, ocr_pageheader/ocr_pagefooter → Other.</item>
/// </list>
/// The tree is walked without recursion (and <see cref="XmlSafety"/> refuses nesting deeper than <see cref="XmlSafety.MaxDepth"/>).
/// </summary>
public static class HocrReader
{
    private static readonly string[] LineClasses = ["ocr_line", "ocrx_line", "ocr_caption", "ocr_header", "ocr_textfloat"];

    public static bool IsHocr(XDocument document) => document.Root is { } root && root.DescendantsAndSelf().Any(e => HasClass(e, "ocr_page"));

    public static SourcePage Read(string sourceName, ReadOnlySpan<byte> bytes) => Read(sourceName, XmlSafety.Load(sourceName, bytes, allowHtmlDoctype: true));

    public static SourcePage Read(string sourceName, XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!IsHocr(document))
        {
            throw new PageRejectedException(sourceName, CoreText.Get("Import.NotHocr"));
        }

        var lines = new List<(XElement Line, XElement? Block, string? Flow)>();
        Collect(document.Root!, lines);
        // A content flow is read whole where it first appears; lines outside any flow stay in place.
        var ordered = new List<(XElement Line, XElement? Block, string? Flow)>();
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in lines)
        {
            if (entry.Flow is null)
            {
                ordered.Add(entry);
            }
            else if (emitted.Add(entry.Flow))
            {
                ordered.AddRange(lines.Where(l => l.Flow == entry.Flow));
            }
        }

        var builder = new LayoutPageBuilder();
        XElement? currentBlock = null;
        var first = true;
        foreach (var (line, block, flow) in ordered)
        {
            if (first || block != currentBlock)
            {
                builder.StartBlock();
                currentBlock = block;
                first = false;
            }

            var (text, raw) = Text(line);
            builder.Add(text, Box(line), block?.Attr("id"), Role(line), flow, lineId: line.Attr("id"), fontSize: FontSize(line), rawText: raw);
        }

        var ocrPage = document.Root!.DescendantsAndSelf().First(e => HasClass(e, "ocr_page"));
        var pageBox = Box(ocrPage);
        return builder.Build(sourceName, SourceFormat.Hocr) with
        {
            Width = pageBox is { } w ? LayoutPageBuilder.Size(w.X + w.Width) : null,
            Height = pageBox is { } h ? LayoutPageBuilder.Size(h.Y + h.Height) : null,
            ImageReference = LayoutPageBuilder.Reference(Property(ocrPage, "image")),
            Graphics = Graphics(document.Root!),
        };
    }

    /// <summary>The line's <c>x_size</c> (pixels), else the median <c>x_fsize</c> of its words (points).</summary>
    private static double? FontSize(XElement line)
    {
        if (Number(line, "x_size") is { } size)
        {
            return size;
        }

        var sizes = line.Descendants().Where(e => HasClass(e, "ocrx_word")).Select(w => Number(w, "x_fsize")).OfType<double>().Order().ToList();
        return sizes.Count == 0 ? null : sizes[sizes.Count / 2];
    }

    private static double? Number(XElement element, string property) =>
        double.TryParse(Property(element, property), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary><c>ocr_separator</c>/<c>ocr_linedrawing</c> → separator; <c>ocr_photo</c>/<c>ocr_image</c>/<c>ocr_graphic</c> → picture.</summary>
    private static List<PageGraphic> Graphics(XElement root)
    {
        var graphics = new List<PageGraphic>();
        foreach (var element in root.Descendants())
        {
            GraphicKind? kind = HasClass(element, "ocr_separator") || HasClass(element, "ocr_linedrawing") ? GraphicKind.Separator
                : HasClass(element, "ocr_photo") || HasClass(element, "ocr_image") || HasClass(element, "ocr_graphic") ? GraphicKind.Picture
                : null;
            if (kind is not null && Box(element) is { } box)
            {
                graphics.Add(new PageGraphic(kind.Value, box));
            }
        }

        return graphics;
    }

    /// <summary>The innermost line elements in reading order (see the class remarks), each with its block and flow; iterative.</summary>
    private static void Collect(XElement root, List<(XElement Line, XElement? Block, string? Flow)> lines)
    {
        var stack = new Stack<(XElement Element, XElement? Block, string? Flow)>();
        stack.Push((root, null, null));
        while (stack.Count > 0)
        {
            var (element, block, flow) = stack.Pop();
            if (HasClass(element, "ocr_carea") || HasClass(element, "ocr_par"))
            {
                block = element;
            }

            if (Property(element, "cflow") is { } cflow)
            {
                flow = cflow;
            }

            if (LineClasses.Any(c => HasClass(element, c)) && !element.Descendants().Any(d => LineClasses.Any(c => HasClass(d, c))))
            {
                lines.Add((element, block, flow));
                continue;
            }

            var children = element.Elements().Select((e, i) => (e, i))
                .OrderBy(p => int.TryParse(Property(p.e, "order"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var order) ? order : int.MaxValue)
                .ThenBy(p => p.i)
                .Select(p => p.e)
                .ToList();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push((children[i], block, flow));
            }
        }
    }

    private static (string Text, string? Raw) Text(XElement line)
    {
        var words = Kept(line).OfType<XElement>().Where(e => HasClass(e, "ocrx_word")).ToList();
        if (words.Count == 0)
        {
            return (Collapse(string.Join(' ', Kept(line).OfType<XText>().Select(t => t.Value))), null);
        }

        var text = new OcrLineText();
        foreach (var word in words)
        {
            var value = string.Concat(Kept(word).OfType<XText>().Select(t => Collapse(t.Value)));
            if (value.Length > 0)
            {
                text.Space();
                text.Word(value);
            }
        }

        return text.Result();
    }

    /// <summary>The nodes below <paramref name="element"/> in document order, without alternatives and what is inside them; iterative.</summary>
    private static IEnumerable<XNode> Kept(XElement element)
    {
        var stack = new Stack<XNode>(element.Nodes().Reverse());
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is XElement child)
            {
                if (IsAlternative(child))
                {
                    continue;
                }

                foreach (var below in child.Nodes().Reverse())
                {
                    stack.Push(below);
                }
            }

            yield return current;
        }
    }

    /// <summary>
    /// Alternatives an engine lists beside its reading: Tesseract's LSTM choices (<c>lstm_choice_mode</c> 1 and 2) and the hOCR spec's
    /// <c>&lt;del class="alt"&gt;</c>. A character box (<c>ocrx_cinfo</c> with <c>x_bboxes</c>) is the reading itself.
    /// </summary>
    private static bool IsAlternative(XElement element)
    {
        if (element.Name.LocalName == "del" || HasClass(element, "ocr_symbol"))
        {
            return true;
        }

        if (!HasClass(element, "ocrx_cinfo"))
        {
            return false;
        }

        var id = element.Attr("id") ?? "";
        return id.StartsWith("lstm_choices", StringComparison.Ordinal) || id.StartsWith("timestep", StringComparison.Ordinal)
            || id.StartsWith("choice", StringComparison.Ordinal) || Property(element, "x_confs") is not null;
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var part in text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part);
        }

        return builder.ToString();
    }

    private static BlockRole? Role(XElement line) =>
        HasClass(line, "ocr_header") ? BlockRole.Headline
        : HasClass(line, "ocr_caption") ? BlockRole.Caption
        : line.AncestorsAndSelf().Any(a => HasClass(a, "ocr_pageheader") || HasClass(a, "ocr_pagefooter")) ? BlockRole.Other
        : null;

    private static LineBox? Box(XElement line)
    {
        var bbox = Property(line, "bbox")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (bbox is not { Length: 4 })
        {
            return null;
        }

        var values = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(bbox[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return LayoutPageBuilder.Box(values[0], values[1], values[2] - values[0], values[3] - values[1]);
    }

    internal static bool HasClass(XElement element, string name) =>
        element.Attr("class") is { } classes && classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(name, StringComparer.Ordinal);

    /// <summary>A property of the hOCR title attribute (<c>bbox 0 0 10 10; order 2</c>): the text after the name, or null.</summary>
    internal static string? Property(XElement element, string name)
    {
        if (element.Attribute("title")?.Value is not { } title)
        {
            return null;
        }

        foreach (var item in title.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.StartsWith(name, StringComparison.Ordinal) && (item.Length == name.Length || item[name.Length] == ' '))
            {
                return item[name.Length..].Trim().Trim('"');
            }
        }

        return null;
    }
}
