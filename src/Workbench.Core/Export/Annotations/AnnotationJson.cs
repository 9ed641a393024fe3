using System.Text;
using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>
/// The JSON side every JSON reader shares: records of a JSON Lines file with the line each starts on, one JSON document
/// (Label Studio), nesting bounded by <see cref="MaxDepth"/> (a refusal by name, never a stack overflow), typed field access
/// with refusals that name the field, and the check that a record carries no span-like field its reader leaves unread.
/// </summary>
internal static class AnnotationJson
{
    /// <summary>The deepest JSON nesting read. Annotation records nest 4–6 deep (Label Studio's task/annotations/result/value/labels).</summary>
    public const int MaxDepth = 64;

    /// <summary>Field names that hold spans or annotations in some tool: never ignored silently when a reader does not read them.</summary>
    private static readonly HashSet<string> SpanNames = new(StringComparer.Ordinal)
    {
        "entities", "spans", "ents", "label", "labels", "annotations", "predictions", "tags", "ner", "ner_tags", "mentions", "result", "results",
    };

    /// <summary>Field names of an offset; an array of objects with one of these is span-like, whatever its own name.</summary>
    private static readonly HashSet<string> OffsetNames = new(StringComparer.Ordinal)
    {
        "start", "end", "start_offset", "end_offset", "startOffset", "endOffset", "begin", "offset", "token_start", "token_end", "char_start", "char_end",
    };

    /// <summary>
    /// One JSON value per record. Records are normally one per line, but pretty-printed records (doccano writes those)
    /// are read too; each record's number is the line it starts on.
    /// </summary>
    public static List<(int Line, JsonElement Record)> Records(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = MaxDepth });
        var records = new List<(int, JsonElement)>();
        while (true)
        {
            try
            {
                if (!reader.Read())
                {
                    break;
                }

                var line = LineOf(lineStarts, reader.TokenStartIndex);
                records.Add((line, JsonElement.ParseValue(ref reader)));
            }
            catch (JsonException e)
            {
                throw Broken(bytes, lineStarts, e, AnnotationPlace.Line);
            }
        }

        return records;
    }

    /// <summary>The whole content as one JSON document (Label Studio's array of tasks).</summary>
    public static JsonDocument Document(string content)
    {
        try
        {
            return JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            throw Broken(bytes, LineStarts(bytes), e, AnnotationPlace.Line);
        }
    }

    /// <summary>
    /// A refusal for JSON that does not parse: nesting deeper than <see cref="MaxDepth"/> is named as such (at the line where it
    /// goes too deep), anything else as broken JSON at its line.
    /// </summary>
    private static AnnotationImportException Broken(byte[] bytes, List<int> lineStarts, JsonException e, AnnotationPlace place)
    {
        if (TooDeepAt(bytes) is { } offset)
        {
            return new AnnotationImportException(place, LineOf(lineStarts, offset), CoreText.Format("Annot.TooDeep", MaxDepth), e);
        }

        return new AnnotationImportException(place, (int)(e.LineNumber ?? 0) + 1, CoreText.Format("Annot.BrokenJson", e.Message), e);
    }

    /// <summary>The byte offset where the JSON first nests deeper than <see cref="MaxDepth"/>, or null. A token scan: no recursion, no document.</summary>
    internal static long? TooDeepAt(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = int.MaxValue, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject && reader.CurrentDepth >= MaxDepth)
                {
                    return reader.TokenStartIndex;
                }
            }
        }
        catch (JsonException)
        {
            // Broken before it got too deep: not a depth problem.
        }

        return null;
    }

    public static string RequiredString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new RecordException(CoreText.Format("Annot.MissingString", name));

    public static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? Number(value)
            : throw new RecordException(CoreText.Format("Annot.MissingNumber", name));

    public static int Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw new RecordException(CoreText.Format("Annot.IntegerOffset", value.GetRawText()));

    public static JsonElement.ArrayEnumerator Array(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new RecordException(CoreText.Format("Annot.MustBeArray", name));

    /// <summary>The value of an optional field, or null when it is missing or JSON null.</summary>
    public static JsonElement? Optional(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>How many relations a record carries in <c>relations</c> (doccano, Prodigy): counted, never imported.</summary>
    public static int Relations(JsonElement record) =>
        Optional(record, "relations") is { ValueKind: JsonValueKind.Array } relations ? relations.GetArrayLength() : 0;

    /// <summary>
    /// Refuses a record carrying a span-like field its reader does not read (<paramref name="read"/>): one of the names tools use for
    /// spans (<c>spans</c>, <c>ents</c>, <c>label</c>…) with a value that is not empty, or any field holding objects with offsets.
    /// Spans a reader would skip must never vanish without a word.
    /// </summary>
    public static void RefuseUnreadSpans(JsonElement record, IReadOnlySet<string> read)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var unread = record.EnumerateObject()
            .Where(p => !read.Contains(p.Name) && (SpanNames.Contains(p.Name) ? !IsEmpty(p.Value) : IsSpanLike(p.Value)))
            .Select(p => p.Name)
            .ToList();
        if (unread.Count > 0)
        {
            throw new RecordException(CoreText.Format("Annot.UnreadSpans", string.Join(", ", unread.Select(n => $"\"{n}\""))));
        }
    }

    /// <summary>The record's field names, for a refusal that says what was found.</summary>
    public static string Keys(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object ? string.Join(", ", record.EnumerateObject().Select(p => $"\"{p.Name}\"")) : KindWords(record.ValueKind);

    /// <summary>How a JSON value's kind reads in messages, in the UI language ("an array", "数组"): never the enum's English name.</summary>
    public static string KindWords(JsonValueKind kind) => CoreText.Get("Json." + kind);

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        JsonValueKind.String => value.GetString()!.Length == 0,
        _ => false,
    };

    /// <summary>An array of objects with an offset field, or of <c>[number, number, …]</c>; or an object of such arrays (span groups).</summary>
    private static bool IsSpanLike(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Take(5).Any(IsSpanItem),
        JsonValueKind.Object => value.EnumerateObject().Take(5).Any(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().Take(5).Any(IsSpanItem)),
        _ => false,
    };

    private static bool IsSpanItem(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.Object => item.EnumerateObject().Any(p => OffsetNames.Contains(p.Name)),
        JsonValueKind.Array => item.GetArrayLength() >= 2 && item[0].ValueKind == JsonValueKind.Number && item[1].ValueKind == JsonValueKind.Number,
        _ => false,
    };

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
