using System.Text;
using System.Text.Json;
using Workbench.Core.Export;

namespace Workbench.Core.Pages;

/// <summary>What a file holds, told from its content.</summary>
public enum ContentKind
{
    /// <summary>Markup: the first character is <c>&lt;</c>. Read by its root element (ALTO, PAGE, hOCR, METS), or refused.</summary>
    Xml,

    /// <summary>JSON or JSON Lines: annotations (ner-jsonl, Prodigy/spaCy, doccano, CLUENER, Label Studio).</summary>
    Json,

    /// <summary>"token TAG" lines: character CoNLL annotations.</summary>
    Conll,

    /// <summary>Anything else that decodes: a plain-text (or Markdown) page.</summary>
    Text,
}

/// <summary>
/// Tells a file's kind from its content, whatever its name: an ALTO file named <c>.alto</c> is markup, a BIOES file named
/// <c>.bioes</c> is CoNLL, and neither may become a page of plain text. Text means: not markup, not JSON, not "token TAG" lines.
/// <list type="bullet">
/// <item>After a BOM and whitespace, <c>&lt;</c> → <see cref="ContentKind.Xml"/>.</item>
/// <item><c>{</c> or <c>[</c> → <see cref="ContentKind.Json"/> when the whole file is JSON (one value, or JSON Lines). When it is not: a
/// <c>.json</c>/<c>.jsonl</c> file, or one starting with <c>{</c> that is not named <c>.txt</c>/<c>.md</c>, is still JSON (its reader refuses
/// it naming the line); a text page may start with <c>[</c> (<c>[1] 本报讯…</c>).</item>
/// <item>Every one of the first non-blank lines (up to 20; at least 2, or 1 for a CoNLL extension such as <c>.conll</c>, <c>.bio</c>,
/// <c>.bioes</c>, <c>.bmes</c>) reads "token TAG" (<c>中 B-LOC</c>, <c>。 O</c>, tab or space) → <see cref="ContentKind.Conll"/>.</item>
/// <item>Else <see cref="ContentKind.Text"/>.</item>
/// </list>
/// </summary>
public static class ContentSniffer
{
    /// <summary>Extensions that say "CoNLL": one "token TAG" line is then enough.</summary>
    public static readonly string[] ConllExtensions = [".conll", ".bio", ".bmes", ".bioes", ".iob", ".iob2", ".iobes", ".bilou", ".tsv", ".ner"];

    private const int HeadBytes = 8192;

    public static ContentKind Sniff(string sourceName, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var extension = Path.GetExtension(sourceName).ToLowerInvariant();
        var content = bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
        var start = 0;
        while (start < content.Length && content[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start == content.Length)
        {
            return ContentKind.Text;
        }

        switch (content[start])
        {
            case (byte)'<':
                return ContentKind.Xml;
            case (byte)'{' or (byte)'[':
                if (IsJson(content) || extension is ".json" or ".jsonl" || (content[start] == '{' && extension is not (".txt" or ".md" or ".markdown")))
                {
                    return ContentKind.Json;
                }

                break;
        }

        return LooksLikeConll(content, ConllExtensions.Contains(extension) ? 1 : 2) ? ContentKind.Conll : ContentKind.Text;
    }

    /// <summary>Whether the bytes are JSON values one after another (JSON Lines, pretty-printed records, or one array). A token scan.</summary>
    private static bool IsJson(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = int.MaxValue });
        try
        {
            var any = false;
            while (reader.Read())
            {
                any = true;
            }

            return any;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Every one of the first non-blank lines (up to 20, at least <paramref name="minimum"/>) is "token TAG".</summary>
    private static bool LooksLikeConll(ReadOnlySpan<byte> bytes, int minimum)
    {
        var cut = bytes.Length > HeadBytes;
        var head = Encoding.UTF8.GetString(cut ? bytes[..HeadBytes] : bytes);
        var lines = head.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        if (cut && lines.Count > 1)
        {
            lines.RemoveAt(lines.Count - 1); // possibly cut
        }

        var sample = lines.Take(20).ToList();
        return sample.Count >= minimum && sample.All(ConllReader.IsTokenTagLine);
    }
}
