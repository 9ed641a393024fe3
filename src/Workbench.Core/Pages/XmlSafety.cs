using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Workbench.Core.Pages;

/// <summary>
/// The one place Workbench parses XML. DTDs are prohibited (no XXE, no billion laughs), nothing is ever resolved
/// (<see cref="XmlReaderSettings.XmlResolver"/> is null) and no entity may expand to any character.
/// The only exception is hOCR: Tesseract writes <c>&lt;!DOCTYPE html PUBLIC …&gt;</c>, so for hOCR a plain HTML
/// doctype without an internal subset is skipped unread; any other doctype is still refused.
/// Input must be UTF-8 (a BOM is allowed) or declare ISO-8859-1; the same NUL/empty/size checks as text pages apply.
/// Elements may nest at most <see cref="MaxDepth"/> deep: the readers walk the tree, and a file nesting 100,000 groups
/// must be refused by name, not overflow the stack of the process that serves everyone.
/// </summary>
public static partial class XmlSafety
{
    /// <summary>
    /// The deepest element nesting read (the root is depth 1). Real ALTO, PAGE, hOCR and METS files stay under 40
    /// (METS with MODS inside structMap divs is the deepest seen); this leaves ample room and keeps every walk shallow.
    /// </summary>
    public const int MaxDepth = 256;

    public static string DtdReason => CoreText.Get("Import.Dtd");

    /// <summary>Settings for untrusted XML: DTD prohibited, no resolver, no entity expansion, size capped.</summary>
    public static XmlReaderSettings Settings(bool skipHtmlDoctype = false) => new()
    {
        DtdProcessing = skipHtmlDoctype ? DtdProcessing.Ignore : DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = PageReader.MaxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Decodes and parses; every failure is a <see cref="PageRejectedException"/> naming the file.</summary>
    public static XDocument Load(string sourceName, ReadOnlySpan<byte> bytes, bool allowHtmlDoctype = false) =>
        Parse(sourceName, Decode(sourceName, bytes), allowHtmlDoctype);

    /// <summary>
    /// UTF-8 (strict, BOM allowed), or ISO-8859-1 when the XML declaration says so (older ALTO exports). Any other declared
    /// encoding is read only if the bytes are valid UTF-8 anyway (pure ASCII), else refused naming the encoding.
    /// </summary>
    internal static string Decode(string sourceName, ReadOnlySpan<byte> bytes)
    {
        var declared = DeclaredEncoding(bytes);
        if (declared is "iso-8859-1" or "iso_8859-1" or "latin1" or "l1")
        {
            if (bytes.Length > PageReader.MaxBytes)
            {
                throw new PageRejectedException(sourceName, CoreText.Format("Import.TooLarge", PageReader.MaxBytes / (1024 * 1024)));
            }

            if (bytes.IndexOf((byte)0) >= 0)
            {
                throw new PageRejectedException(sourceName, CoreText.Get("Import.Binary"));
            }

            return System.Text.Encoding.Latin1.GetString(bytes);
        }

        try
        {
            return PageReader.Decode(sourceName, bytes);
        }
        catch (PageRejectedException e) when (declared is not null and not "utf-8" and not "utf8" && e.Reason.Contains("UTF-8", StringComparison.Ordinal))
        {
            throw new PageRejectedException(sourceName, CoreText.Format("Import.UnreadEncoding", declared));
        }
    }

    private static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = System.Text.Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 200)]);
        var match = EncodingDeclaration().Match(head);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"^(?:\uFEFF|\?\?\?)?<\?xml[^>]*?encoding\s*=\s*[""']([A-Za-z0-9._-]+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex EncodingDeclaration();

    public static XDocument Parse(string sourceName, string text, bool allowHtmlDoctype = false)
    {
        var doctype = FindDoctype(text);
        var skip = false;
        if (doctype is not null)
        {
            if (!allowHtmlDoctype || !HtmlDoctype().IsMatch(doctype))
            {
                throw new PageRejectedException(sourceName, DtdReason);
            }

            skip = true;
        }

        try
        {
            // The depth is checked while the tree is built: XDocument.Load itself slows down with the square of the depth
            // (100,000 nested divs took minutes), so a file must be stopped at the limit, not measured afterwards.
            using var reader = new DepthLimitedReader(XmlReader.Create(new StringReader(text), Settings(skip)), MaxDepth);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (TooDeepException e)
        {
            throw new PageRejectedException(sourceName, CoreText.Format("Import.TooDeep", MaxDepth, e.Element));
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new PageRejectedException(sourceName, DtdReason);
        }
        catch (XmlException e)
        {
            throw new PageRejectedException(sourceName, CoreText.Format("Import.Malformed", e.LineNumber, e.LinePosition, e.Message));
        }
    }

    /// <summary>The <c>&lt;!DOCTYPE …&gt;</c> of the prolog (with its internal subset, if any), or null.</summary>
    internal static string? FindDoctype(string text)
    {
        var index = text.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return null;
        }

        var root = RootStart().Match(text);
        if (root.Success && root.Index < index)
        {
            return null; // "<!DOCTYPE" inside a CDATA section or comment after the root: not a doctype
        }

        var end = text.IndexOf('>', index);
        var bracket = text.IndexOf('[', index);
        if (bracket >= 0 && (end < 0 || bracket < end))
        {
            return text[index..]; // internal subset: never allowed
        }

        return end < 0 ? text[index..] : text[index..(end + 1)];
    }

    [GeneratedRegex(@"^<!DOCTYPE\s+html(\s+PUBLIC\s+(""[^""\[<>]*""|'[^'\[<>]*')(\s+(""[^""\[<>]*""|'[^'\[<>]*'))?)?\s*>$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlDoctype();

    [GeneratedRegex(@"<[A-Za-z_]", RegexOptions.CultureInvariant)]
    private static partial Regex RootStart();
}

/// <summary>Namespace-agnostic LINQ to XML helpers (ALTO, PAGE, METS and hOCR come in many namespaces).</summary>
internal static class Xml
{
    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Below(this XContainer element, string localName) =>
        element.Descendants().Where(e => e.Name.LocalName == localName);

    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>An attribute by local name, in no namespace first, then in any (xlink:href).</summary>
    public static string? Attr(this XElement element, string localName) =>
        (element.Attribute(localName) ?? element.Attributes().FirstOrDefault(a => a.Name.LocalName == localName))?.Value;

    public static double? Number(this XElement element, string localName) =>
        double.TryParse(element.Attr(localName), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
