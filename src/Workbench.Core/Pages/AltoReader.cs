using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Workbench.Core.Pages;

/// <summary>
/// Reads ALTO (v1–v4, any namespace: elements are matched by local name).
/// <list type="bullet">
/// <item>Every <c>TextBlock</c> (also inside <c>ComposedBlock</c>s, at any depth) is a block; its ID is each line's <see cref="SourceLine.RegionId"/>.</item>
/// <item>Reading order is document order, unless blocks carry <c>IDNEXT</c>: then chains are followed from each block no other block points to
/// (chain heads in document order); blocks left out of every chain (or in a cycle) follow in document order.</item>
/// <item>A line is its <c>String@CONTENT</c>s; <c>SP</c> is a space (two Strings without SP between them are also separated by one space);
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
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var page = Read(sourceName, XmlSafety.Load(sourceName, bytes), dpi, ids);
        return new AltoPage(page, ids);
    }

    public const double DefaultDpi = 300;

    public static bool IsAlto(XDocument document) => document.Root?.Name.LocalName.Equals("alto", StringComparison.OrdinalIgnoreCase) == true;

    public static SourcePage Read(string sourceName, ReadOnlySpan<byte> bytes, double? dpi = null) =>
        Read(sourceName, XmlSafety.Load(sourceName, bytes), dpi);

    public static SourcePage Read(string sourceName, XDocument document, double? dpi = null) => Read(sourceName, document, dpi, null);

    private static SourcePage Read(string sourceName, XDocument document, double? dpi, Dictionary<string, int>? ids)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!IsAlto(document))
        {
            throw new PageRejectedException(sourceName, CoreText.Get("Import.NotAlto"));
        }

        var root = document.Root!;
        var scale = Scale(root, dpi);
        var builder = new LayoutPageBuilder();
        foreach (var block in Order(root.Below("TextBlock").ToList()))
        {
            builder.StartBlock();
            var blockId = block.Attr("ID");
            foreach (var line in block.Children("TextLine"))
            {
                if (ids is not null)
                {
                    var number = builder.NextNumber;
                    foreach (var id in new[] { blockId, line.Attr("ID") }.Concat(line.Children("String").Select(s => s.Attr("ID"))).OfType<string>())
                    {
                        ids.TryAdd(id, number);
                    }
                }

                var (text, hyphenated) = LineText(line);
                var box = LayoutPageBuilder.Box(line.Number("HPOS"), line.Number("VPOS"), line.Number("WIDTH"), line.Number("HEIGHT"), scale);
                builder.Add(text, box, blockId, null, null, hyphenated, line.Attr("ID"));
            }
        }

        var layoutPage = root.Child("Layout")?.Child("Page");
        return builder.Build(sourceName, SourceFormat.Alto) with
        {
            Width = LayoutPageBuilder.Size(layoutPage?.Number("WIDTH"), scale),
            Height = LayoutPageBuilder.Size(layoutPage?.Number("HEIGHT"), scale),
            ImageReference = LayoutPageBuilder.Reference(root.Child("Description")?.Child("sourceImageInformation")?.Child("fileName")?.Value),
        };
    }

    private static (string Text, string? Hyphenated) LineText(XElement line)
    {
        var text = new StringBuilder();
        string? hyphenated = null;
        var previousWasString = false;
        foreach (var child in line.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "String":
                    if (previousWasString)
                    {
                        text.Append(' ');
                    }

                    text.Append(child.Attr("CONTENT"));
                    if (child.Attr("SUBS_TYPE") is not null && child.Attr("SUBS_CONTENT") is { Length: > 0 } full)
                    {
                        hyphenated ??= full;
                    }

                    previousWasString = true;
                    break;
                case "SP":
                    text.Append(' ');
                    previousWasString = false;
                    break;
                case "HYP":
                    text.Append(child.Attr("CONTENT") ?? "-");
                    previousWasString = false;
                    break;
            }
        }

        return (text.ToString().Trim(), hyphenated);
    }

    private static IEnumerable<XElement> Order(List<XElement> blocks)
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

/// <summary>An ALTO page with the line number of every TextBlock/TextLine/String ID (for METS areas that name word ranges).</summary>
public sealed record AltoPage(SourcePage Page, IReadOnlyDictionary<string, int> LineOfId);
