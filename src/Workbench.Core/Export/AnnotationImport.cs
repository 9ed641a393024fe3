using System.Text;
using System.Text.Json;
using Workbench.Core.Text;

namespace Workbench.Core.Export;

/// <summary>A labelled span in UTF-16 offsets of its text, end exclusive.</summary>
public sealed record ImportedSpan(int Start, int End, string Label);

/// <summary>One text with its spans (sorted by start, longer first).</summary>
public sealed record ImportedText(string Text, IReadOnlyList<ImportedSpan> Spans);

/// <summary>An imported annotation file: its name and its texts in file order.</summary>
public sealed record ImportedDocument(string Name, IReadOnlyList<ImportedText> Texts);

public enum AnnotationFormat
{
    /// <summary>Our <c>ner-jsonl</c> export: code-point offsets, end exclusive.</summary>
    NerJsonl,

    /// <summary>doccano JSONL: <c>{"text", "label": [[start, end, "TYPE"]]}</c> or <c>"entities": [{start_offset, end_offset, label}]</c>; code points, end exclusive.</summary>
    Doccano,

    /// <summary>CLUENER: <c>{"text", "label": {"type": {"entity text": [[start, end_inclusive]]}}}</c>; code points.</summary>
    Cluener,

    /// <summary>Character CoNLL/BIO: "char TAG" (space or tab) per line, blank line between sentences.</summary>
    Conll,

    /// <summary>Label Studio JSON export: an array of tasks with <c>data.text</c> and <c>labels</c> results; code points.</summary>
    LabelStudio,
}

/// <summary>A refused annotation file: the 1-based record (line for JSONL and CoNLL, task for Label Studio) and why.</summary>
public sealed class AnnotationImportException : Exception
{
    public AnnotationImportException()
    {
    }

    public AnnotationImportException(string message)
        : base(message)
    {
    }

    public AnnotationImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AnnotationImportException(int record, string reason, Exception? innerException = null)
        : base(record > 0 ? CoreText.Format("Annot.Record", record, reason) : reason, innerException)
    {
        Record = record;
        Reason = reason;
    }

    /// <summary>The 1-based line or record number, 0 when the problem is the whole file.</summary>
    public int Record { get; }

    public string Reason { get; } = "";
}

/// <summary>
/// Reads annotation files into <see cref="ImportedDocument"/>s, all offsets converted to UTF-16. Text is kept exactly as
/// it came (CRLF inside strings stays; no normalisation). Every span is checked against its text; any problem refuses
/// the whole file with an <see cref="AnnotationImportException"/> naming the record. In CoNLL an I- tag that does not
/// continue a B-/I- tag of the same type is refused rather than read as B-: a broken sequence usually means a broken
/// conversion, and guessing would put wrong spans into gold data.
/// </summary>
public static class AnnotationImport
{
    private static readonly JsonDocumentOptions JsonOptions = new() { AllowTrailingCommas = false, MaxDepth = 64 };

    /// <summary>Reads a file, detecting its format from the name and content unless <paramref name="format"/> is given.</summary>
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
        ArgumentNullException.ThrowIfNull(content);
        var text = Decode(content);
        var actual = format ?? Detect(name, text);
        var texts = actual switch
        {
            AnnotationFormat.Conll => ReadConll(text),
            AnnotationFormat.LabelStudio => ReadLabelStudio(text),
            _ => ReadJsonRecords(text, actual),
        };
        return new ImportedDocument(name, texts);
    }

    /// <summary>
    /// The format from the extension and the content: <c>.conll .bio .bmes .tsv .txt</c> whose first non-blank line is
    /// "X TAG" → CoNLL; <c>.json .jsonl</c> starting with '[' → Label Studio; starting with '{' → by the first record:
    /// <c>label</c> object → CLUENER, <c>label</c> array or <c>entities</c> with <c>start_offset</c> → doccano,
    /// <c>entities</c> with <c>start</c> → ner-jsonl.
    /// </summary>
    public static AnnotationFormat Detect(string name, string content)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(content);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var trimmed = content.TrimStart();
        switch (extension)
        {
            case ".conll" or ".bio" or ".bmes" or ".tsv" or ".txt":
                var first = content.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0);
                if (first is not null && TrySplitConll(first, out _, out var tag) && IsBioTag(tag))
                {
                    return AnnotationFormat.Conll;
                }

                throw new AnnotationImportException(0, CoreText.Format("Annot.NotConll", name));
            case ".json" or ".jsonl":
                if (trimmed.StartsWith('['))
                {
                    return AnnotationFormat.LabelStudio;
                }

                if (trimmed.StartsWith('{'))
                {
                    var record = FirstRecord(trimmed);
                    if (record.TryGetProperty("label", out var label))
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

                    if (record.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Array)
                    {
                        var firstEntity = entities.EnumerateArray().FirstOrDefault();
                        if (firstEntity.ValueKind == JsonValueKind.Object && firstEntity.TryGetProperty("start_offset", out _))
                        {
                            return AnnotationFormat.Doccano;
                        }

                        return AnnotationFormat.NerJsonl;
                    }
                }

                throw new AnnotationImportException(0, CoreText.Format("Annot.UnknownJson", name));
            default:
                throw new AnnotationImportException(0, CoreText.Format("Annot.UnknownExtension", name));
        }
    }

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

    private static JsonElement FirstRecord(string content)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(content), new JsonReaderOptions { AllowMultipleValues = true });
        try
        {
            return JsonElement.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new AnnotationImportException((int)(e.LineNumber ?? 0) + 1, CoreText.Format("Annot.BrokenJson", e.Message), e);
        }
    }

    // ---- JSON Lines (ner-jsonl, doccano, CLUENER) ------------------------------------------------------------------

    /// <summary>
    /// One JSON value per record. Records are normally one per line, but pretty-printed records (doccano writes those)
    /// are read too; the record number is the line the record starts on.
    /// </summary>
    private static List<ImportedText> ReadJsonRecords(string content, AnnotationFormat format)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        var texts = new List<ImportedText>();
        while (true)
        {
            JsonElement record;
            int line;
            try
            {
                if (!reader.Read())
                {
                    break;
                }

                line = LineOf(lineStarts, reader.TokenStartIndex);
                record = JsonElement.ParseValue(ref reader);
            }
            catch (JsonException e)
            {
                throw new AnnotationImportException((int)(e.LineNumber ?? 0) + 1, CoreText.Format("Annot.BrokenJson", e.Message), e);
            }

            if (record.ValueKind != JsonValueKind.Object)
            {
                throw new AnnotationImportException(line, CoreText.Format("Annot.ExpectedObject", record.ValueKind));
            }

            try
            {
                texts.Add(format switch
                {
                    AnnotationFormat.NerJsonl => ReadNerJsonl(record),
                    AnnotationFormat.Doccano => ReadDoccano(record),
                    AnnotationFormat.Cluener => ReadCluener(record),
                    _ => throw new ArgumentOutOfRangeException(nameof(format)),
                });
            }
            catch (RecordException e)
            {
                throw new AnnotationImportException(line, e.Message, e);
            }
        }

        return texts;
    }

    private static ImportedText ReadNerJsonl(JsonElement record)
    {
        var text = RequiredString(record, "text");
        var spans = new List<ImportedSpan>();
        if (record.TryGetProperty("entities", out var entities) && entities.ValueKind != JsonValueKind.Null)
        {
            foreach (var entity in Array(entities, "entities"))
            {
                var label = RequiredString(entity, "label");
                var span = Span(text, Int(entity, "start"), Int(entity, "end"), label, endInclusive: false);
                if (entity.TryGetProperty("text", out var claimed) && claimed.ValueKind == JsonValueKind.String)
                {
                    Check(text, span, claimed.GetString()!);
                }

                spans.Add(span);
            }
        }

        return Text(text, spans);
    }

    private static ImportedText ReadDoccano(JsonElement record)
    {
        var text = RequiredString(record, "text");
        var spans = new List<ImportedSpan>();
        if (record.TryGetProperty("label", out var labels) && labels.ValueKind != JsonValueKind.Null)
        {
            foreach (var item in Array(labels, "label"))
            {
                if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 3
                    || item[0].ValueKind != JsonValueKind.Number || item[1].ValueKind != JsonValueKind.Number
                    || item[2].ValueKind != JsonValueKind.String)
                {
                    throw new RecordException(CoreText.Format("Annot.DoccanoLabel", item.GetRawText()));
                }

                spans.Add(Span(text, Number(item[0]), Number(item[1]), item[2].GetString()!, endInclusive: false));
            }
        }

        if (record.TryGetProperty("entities", out var entities) && entities.ValueKind != JsonValueKind.Null)
        {
            foreach (var entity in Array(entities, "entities"))
            {
                spans.Add(Span(text, Int(entity, "start_offset"), Int(entity, "end_offset"), RequiredString(entity, "label"), endInclusive: false));
            }
        }

        return Text(text, spans);
    }

    private static ImportedText ReadCluener(JsonElement record)
    {
        var text = RequiredString(record, "text");
        var spans = new List<ImportedSpan>();
        if (record.TryGetProperty("label", out var labels) && labels.ValueKind != JsonValueKind.Null)
        {
            if (labels.ValueKind != JsonValueKind.Object)
            {
                throw new RecordException(CoreText.Get("Annot.CluenerLabel"));
            }

            foreach (var type in labels.EnumerateObject())
            {
                if (type.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new RecordException(CoreText.Format("Annot.CluenerMap", type.Name));
                }

                foreach (var entity in type.Value.EnumerateObject())
                {
                    foreach (var pair in Array(entity.Value, $"{type.Name}.{entity.Name}"))
                    {
                        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
                        {
                            throw new RecordException(CoreText.Format("Annot.CluenerSpan", pair.GetRawText()));
                        }

                        var span = Span(text, Number(pair[0]), Number(pair[1]), type.Name, endInclusive: true);
                        Check(text, span, entity.Name);
                        spans.Add(span);
                    }
                }
            }
        }

        return Text(text, spans);
    }

    // ---- Label Studio ----------------------------------------------------------------------------------------------

    /// <summary>
    /// An array of tasks; the text is <c>data.text</c>; spans come from the first annotation that is not cancelled
    /// (results of type "labels", one span per label). Offsets are code points (see <see cref="LabelStudioWriter"/>).
    /// The record number is the task's 1-based position.
    /// </summary>
    private static List<ImportedText> ReadLabelStudio(string content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new AnnotationImportException((int)(e.LineNumber ?? 0) + 1, CoreText.Format("Annot.BrokenJson", e.Message), e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new AnnotationImportException(0, CoreText.Get("Annot.LabelStudioArray"));
            }

            var texts = new List<ImportedText>();
            var number = 0;
            foreach (var task in document.RootElement.EnumerateArray())
            {
                number++;
                try
                {
                    texts.Add(ReadLabelStudioTask(task));
                }
                catch (RecordException e)
                {
                    throw new AnnotationImportException(number, e.Message, e);
                }
            }

            return texts;
        }
    }

    private static ImportedText ReadLabelStudioTask(JsonElement task)
    {
        if (task.ValueKind != JsonValueKind.Object || !task.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new RecordException(CoreText.Get("Annot.TaskData"));
        }

        var text = RequiredString(data, "text");
        var spans = new List<ImportedSpan>();
        if (task.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Array)
        {
            var annotation = annotations.EnumerateArray().FirstOrDefault(a =>
                a.ValueKind == JsonValueKind.Object
                && !(a.TryGetProperty("was_cancelled", out var cancelled) && cancelled.ValueKind == JsonValueKind.True));
            if (annotation.ValueKind == JsonValueKind.Object && annotation.TryGetProperty("result", out var results))
            {
                foreach (var result in Array(results, "result"))
                {
                    if (!result.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "labels")
                    {
                        continue;
                    }

                    if (!result.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                    {
                        throw new RecordException(CoreText.Get("Annot.ResultValue"));
                    }

                    var start = Int(value, "start");
                    var end = Int(value, "end");
                    if (!value.TryGetProperty("labels", out var labels))
                    {
                        throw new RecordException(CoreText.Get("Annot.ResultLabels"));
                    }

                    foreach (var label in Array(labels, "labels"))
                    {
                        if (label.ValueKind != JsonValueKind.String)
                        {
                            throw new RecordException(CoreText.Format("Annot.LabelString", label.GetRawText()));
                        }

                        var span = Span(text, start, end, label.GetString()!, endInclusive: false);
                        if (value.TryGetProperty("text", out var claimed) && claimed.ValueKind == JsonValueKind.String)
                        {
                            Check(text, span, claimed.GetString()!);
                        }

                        spans.Add(span);
                    }
                }
            }
        }

        return Text(text, spans);
    }

    // ---- CoNLL -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// "char TAG" per line (space or tab; the tag is the last field, the character the first). Blank lines end
    /// sentences; each sentence becomes one text with its characters joined without separators. Tags are O, B-X, I-X;
    /// other schemes (BMES/BIOES) are refused. The record number is the line number.
    /// </summary>
    private static List<ImportedText> ReadConll(string content)
    {
        var texts = new List<ImportedText>();
        var text = new StringBuilder();
        var spans = new List<ImportedSpan>();
        string? openLabel = null;
        var openStart = 0;
        var lineNumber = 0;

        void CloseEntity()
        {
            if (openLabel is not null)
            {
                spans.Add(new ImportedSpan(openStart, text.Length, openLabel));
                openLabel = null;
            }
        }

        void EndSentence()
        {
            CloseEntity();
            if (text.Length > 0)
            {
                texts.Add(Text(text.ToString(), [.. spans]));
            }

            text.Clear();
            spans.Clear();
        }

        foreach (var raw in content.Split('\n'))
        {
            lineNumber++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Trim().Length == 0)
            {
                EndSentence();
                continue;
            }

            if (!TrySplitConll(line, out var character, out var tag))
            {
                throw new AnnotationImportException(lineNumber, CoreText.Format("Annot.ExpectedCharacterTag", line));
            }

            if (Rune.DecodeFromUtf16(character, out _, out var length) != System.Buffers.OperationStatus.Done || length != character.Length)
            {
                throw new AnnotationImportException(lineNumber, CoreText.Format("Annot.OneCharacter", character));
            }

            if (tag == "O")
            {
                CloseEntity();
            }
            else if (tag.StartsWith("B-", StringComparison.Ordinal) && tag.Length > 2)
            {
                CloseEntity();
                openLabel = tag[2..];
                openStart = text.Length;
            }
            else if (tag.StartsWith("I-", StringComparison.Ordinal) && tag.Length > 2)
            {
                if (openLabel != tag[2..])
                {
                    throw new AnnotationImportException(
                        lineNumber,
                        openLabel is null
                            ? CoreText.Format("Annot.InsideWithoutBegin", tag, tag[2..])
                            : CoreText.Format("Annot.InsideOtherLabel", tag, openLabel));
                }
            }
            else
            {
                throw new AnnotationImportException(lineNumber, CoreText.Format("Annot.UnsupportedTag", tag));
            }

            text.Append(character);
        }

        EndSentence();
        return texts;
    }

    private static bool TrySplitConll(string line, out string character, out string tag)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            character = tag = "";
            return false;
        }

        character = fields[0];
        tag = fields[^1];
        return true;
    }

    private static bool IsBioTag(string tag) =>
        tag == "O" || ((tag.StartsWith("B-", StringComparison.Ordinal) || tag.StartsWith("I-", StringComparison.Ordinal)) && tag.Length > 2);

    // ---- helpers -----------------------------------------------------------------------------------------------------

    /// <summary>A problem inside one record; turned into an <see cref="AnnotationImportException"/> with the record number.</summary>
    private sealed class RecordException(string message) : Exception(message);

    private static ImportedText Text(string text, List<ImportedSpan> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        return new ImportedText(text, spans);
    }

    /// <summary>A span from code-point offsets, checked to lie inside the text and to be non-empty.</summary>
    private static ImportedSpan Span(string text, int start, int end, string label, bool endInclusive)
    {
        var exclusiveEnd = endInclusive ? end + 1 : end;
        var count = CodePoints.Count(text);
        if (start < 0 || exclusiveEnd > count || start >= exclusiveEnd)
        {
            throw new RecordException(CoreText.Format("Annot.SpanOutside", start, end, endInclusive ? "]" : ")", label, count));
        }

        if (label.Length == 0)
        {
            throw new RecordException(CoreText.Format("Annot.SpanNoLabel", start, end));
        }

        return new ImportedSpan(CodePoints.ToUtf16(text, start), CodePoints.ToUtf16(text, exclusiveEnd), label);
    }

    private static void Check(string text, ImportedSpan span, string claimed)
    {
        var actual = text[span.Start..span.End];
        if (!string.Equals(actual, claimed, StringComparison.Ordinal))
        {
            throw new RecordException(CoreText.Format("Annot.SpanMismatch", span.Label, claimed, actual));
        }
    }

    private static string RequiredString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new RecordException(CoreText.Format("Annot.MissingString", name));

    private static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? Number(value)
            : throw new RecordException(CoreText.Format("Annot.MissingNumber", name));

    private static int Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw new RecordException(CoreText.Format("Annot.IntegerOffset", value.GetRawText()));

    private static JsonElement.ArrayEnumerator Array(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new RecordException(CoreText.Format("Annot.MustBeArray", name));

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<int> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
