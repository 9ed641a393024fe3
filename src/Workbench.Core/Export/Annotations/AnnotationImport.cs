using System.Text;
using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>
/// Reads annotation files into <see cref="ImportedDocument"/>s, all offsets converted to UTF-16. Text is kept exactly as it
/// came (CRLF inside strings stays; no normalisation). Every span is checked against its text; any problem refuses the whole
/// file with an <see cref="AnnotationImportException"/> naming the line (or Label Studio task). One reader per format:
/// <see cref="NerJsonlReader"/> (ner-jsonl, Prodigy, spaCy), <see cref="DoccanoReader"/>, <see cref="CluenerReader"/>,
/// <see cref="LabelStudioReader"/>, <see cref="ConllReader"/>; they share <see cref="SpanChecks"/> and <see cref="AnnotationJson"/>.
/// </summary>
public static class AnnotationImport
{
    /// <summary>Reads a file, detecting its format from its content unless <paramref name="format"/> is given.</summary>
    public static ImportedDocument Read(string name, Stream stream, AnnotationFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(name, buffer.ToArray(), format);
    }

    public static ImportedDocument Read(string name, byte[] content, AnnotationFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(content);
        var text = Decode(content);
        if ((format ?? DetectShape(name, text)) is AnnotationFormat.Conll)
        {
            return new ImportedDocument(name, ConllReader.Read(text));
        }

        if (format is AnnotationFormat.LabelStudio || (format is null && text.TrimStart().StartsWith('[')))
        {
            using var document = AnnotationJson.Document(text);
            if (format is null && !LabelStudioReader.IsTasks(document.RootElement))
            {
                throw Unknown(name, document.RootElement[0]);
            }

            return LabelStudioReader.Read(name, document);
        }

        var records = AnnotationJson.Records(text);
        var actual = format ?? Detect(name, records);
        IJsonRecordReader reader = actual switch
        {
            AnnotationFormat.Doccano => new DoccanoReader(),
            AnnotationFormat.Cluener => new CluenerReader(),
            _ => new NerJsonlReader(),
        };
        return JsonLines.Read(name, records, reader);
    }

    /// <summary>
    /// The format from the content (the name only appears in refusals): "token TAG" lines → CoNLL; a JSON array → Label Studio;
    /// JSON Lines → by the first record that tells (<c>label</c> object → CLUENER; <c>label</c> array, or <c>entities</c> with
    /// <c>start_offset</c> → doccano; <c>entities</c>, <c>spans</c> or <c>ents</c> → ner-jsonl); records with only a text → ner-jsonl.
    /// Anything else is refused, saying what was found.
    /// </summary>
    public static AnnotationFormat Detect(string name, string content)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(content);
        if (DetectShape(name, content) is { } shape)
        {
            return shape;
        }

        if (content.TrimStart().StartsWith('['))
        {
            using var document = AnnotationJson.Document(content);
            return LabelStudioReader.IsTasks(document.RootElement) ? AnnotationFormat.LabelStudio : throw Unknown(name, document.RootElement[0]);
        }

        return Detect(name, AnnotationJson.Records(content));
    }

    /// <summary>CoNLL, or null for JSON (decided from the parsed JSON); anything else is refused naming its first line.</summary>
    private static AnnotationFormat? DetectShape(string name, string content)
    {
        var trimmed = content.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return null;
        }

        var first = content.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0);
        if (first is null)
        {
            throw new AnnotationImportException(0, CoreText.Get("Import.Empty"));
        }

        if (ConllReader.IsTokenTagLine(first))
        {
            return AnnotationFormat.Conll;
        }

        throw new AnnotationImportException(0, CoreText.Format("Annot.NotAnnotations", name, Shorten(first)));
    }

    private static AnnotationFormat Detect(string name, List<(int Line, JsonElement Record)> records)
    {
        foreach (var (_, record) in records)
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                break;
            }

            if (AnnotationJson.Optional(record, "label") is { } label)
            {
                if (label.ValueKind == JsonValueKind.Object)
                {
                    return AnnotationFormat.Cluener;
                }

                if (label.ValueKind == JsonValueKind.Array)
                {
                    return AnnotationFormat.Doccano;
                }
            }

            if (AnnotationJson.Optional(record, "entities") is { ValueKind: JsonValueKind.Array } entities)
            {
                var firstEntity = entities.EnumerateArray().FirstOrDefault();
                return firstEntity.ValueKind == JsonValueKind.Object && firstEntity.TryGetProperty("start_offset", out _)
                    ? AnnotationFormat.Doccano
                    : AnnotationFormat.NerJsonl;
            }

            if (AnnotationJson.Optional(record, "spans") is not null || AnnotationJson.Optional(record, "ents") is not null)
            {
                return AnnotationFormat.NerJsonl;
            }
        }

        // Texts without spans (every record has a "text" and no field of another shape): nothing to tell, read as plain texts.
        if (records.Count > 0 && records.All(r => r.Record.ValueKind == JsonValueKind.Object && r.Record.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String))
        {
            return AnnotationFormat.NerJsonl;
        }

        throw records.Count == 0 ? new AnnotationImportException(0, CoreText.Format("Annot.NotAnnotations", name, "")) : Unknown(name, records[0].Record);
    }

    private static AnnotationImportException Unknown(string name, JsonElement first) =>
        new(0, CoreText.Format("Annot.UnknownJson", name, AnnotationJson.Keys(first)));

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "…";

    private static string Decode(byte[] content)
    {
        try
        {
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            var text = strict.GetString(content);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new AnnotationImportException(0, CoreText.Format("Annot.InvalidUtf8", e.Index), e);
        }
    }
}
