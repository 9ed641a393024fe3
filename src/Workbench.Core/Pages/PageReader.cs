using System.Text;

namespace Workbench.Core.Pages;

/// <summary>
/// Reads pages: plain text and Markdown here; ALTO, PAGE XML and hOCR through their readers. <see cref="Read(string, ReadOnlySpan{byte}, SourceFormat?)"/>
/// picks the reader: an explicit format wins; else the content decides, whatever the file's name (<see cref="ContentSniffer"/>): markup is
/// read by its root element (alto → ALTO, PcGts → PAGE, an <c>ocr_page</c> element → hOCR, mets → refused: a METS file needs its ALTO
/// pages; any other root → refused), JSON and "token TAG" lines are annotations and refused as pages, and the rest is a text page.
/// Plain text and Markdown pages: The text is kept exactly as it came (no normalisation):
/// offsets are fixed against it, and NFKC would turn "Ⅶ" into "VII".
/// </summary>
public static class PageReader
{
    public const long MaxBytes = 20L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Picks the format from the file name and, failing that, from Markdown headings in the text.</summary>
    public static SourceFormat DetectFormat(string sourceName, string text)
    {
        var extension = Path.GetExtension(sourceName).ToLowerInvariant();
        if (extension is ".md" or ".markdown")
        {
            return SourceFormat.Markdown;
        }

        foreach (var line in SplitLines(text))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("## ", StringComparison.Ordinal))
            {
                return SourceFormat.Markdown;
            }
        }

        return SourceFormat.Text;
    }

    public static string MetsReason => CoreText.Get("Import.Mets");

    /// <summary>The <c>--format</c> values: text, markdown, alto, page, hocr (null when unknown).</summary>
    public static SourceFormat? ParseFormat(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "text" or "txt" => SourceFormat.Text,
        "markdown" or "md" => SourceFormat.Markdown,
        "alto" => SourceFormat.Alto,
        "page" or "pagexml" => SourceFormat.PageXml,
        "hocr" => SourceFormat.Hocr,
        _ => null,
    };

    /// <summary>Whether the file name alone says the file could be a layout format (.xml, .hocr, .html, .htm, .xhtml).</summary>
    public static bool IsLayoutExtension(string sourceName) =>
        Path.GetExtension(sourceName).ToLowerInvariant() is ".xml" or ".hocr" or ".html" or ".htm" or ".xhtml";

    public static SourcePage Read(string sourceName, ReadOnlySpan<byte> bytes, SourceFormat? format = null)
    {
        switch (format)
        {
            case SourceFormat.Alto:
                return AltoReader.Read(sourceName, bytes);
            case SourceFormat.PageXml:
                return PageXmlReader.Read(sourceName, bytes);
            case SourceFormat.Hocr:
                return HocrReader.Read(sourceName, bytes);
            case null:
                switch (ContentSniffer.Sniff(sourceName, bytes))
                {
                    case ContentKind.Xml:
                        return ReadLayout(sourceName, bytes);
                    case ContentKind.Json:
                        throw new PageRejectedException(sourceName, CoreText.Format("Import.AnnotationFile", "JSON"));
                    case ContentKind.Conll:
                        throw new PageRejectedException(sourceName, CoreText.Format("Import.AnnotationFile", "CoNLL"));
                }

                break;
        }

        var text = Decode(sourceName, bytes);
        var lines = SplitLines(text).Select((line, index) => new SourceLine(index + 1, line)).ToList();
        return new SourcePage(sourceName, format ?? DetectFormat(sourceName, text), lines);
    }

    private static SourcePage ReadLayout(string sourceName, ReadOnlySpan<byte> bytes)
    {
        var isHtml = Path.GetExtension(sourceName).ToLowerInvariant() is not ".xml";
        var document = XmlSafety.Load(sourceName, bytes, allowHtmlDoctype: isHtml);
        if (AltoReader.IsAlto(document))
        {
            return AltoReader.Read(sourceName, document);
        }

        if (PageXmlReader.IsPageXml(document))
        {
            return PageXmlReader.Read(sourceName, document);
        }

        if (MetsReader.IsMets(document))
        {
            throw new PageRejectedException(sourceName, MetsReason);
        }

        if (HocrReader.IsHocr(document))
        {
            return HocrReader.Read(sourceName, document);
        }

        throw new PageRejectedException(sourceName, CoreText.Format("Import.UnknownXml", document.Root?.Name.LocalName));
    }

    public static SourcePage Read(string sourceName, Stream stream, SourceFormat? format = null)
    {
        if (stream.CanSeek && stream.Length > MaxBytes)
        {
            throw TooLarge(sourceName);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw TooLarge(sourceName);
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(sourceName, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), format);
    }

    public static string Decode(string sourceName, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw TooLarge(sourceName);
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            throw new PageRejectedException(sourceName, CoreText.Get("Import.Binary"));
        }

        var preamble = Encoding.UTF8.Preamble;
        if (bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new PageRejectedException(sourceName, CoreText.Format("Import.InvalidUtf8", e.Index));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PageRejectedException(sourceName, CoreText.Get("Import.Empty"));
        }

        return text;
    }

    /// <summary>Splits on LF, CRLF and lone CR; a final terminator does not make an extra empty line.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    private static PageRejectedException TooLarge(string sourceName) =>
        new(sourceName, CoreText.Format("Import.TooLarge", MaxBytes / (1024 * 1024)));
}
