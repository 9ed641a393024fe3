using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Workbench.Core.Text;

namespace Workbench.Core.Export;

/// <summary>
/// Writes articles in one export format to one stream, record by record. <see cref="Complete"/> ends the output
/// (closing brackets, flushing) but does not close the stream, which belongs to the caller.
/// </summary>
/// <remarks>Disposing a writer releases its own buffers, never the stream it writes to (the caller's).</remarks>
public interface IExportWriter : IDisposable
{
    /// <summary>Writes one article; <paramref name="split"/> is written into formats that carry it.</summary>
    void Write(ExportArticle article, string split);

    /// <summary>Ends the output and flushes it. Nothing may be written afterwards.</summary>
    void Complete();

    /// <summary>What this writer left out (e.g. nested entities in CoNLL), with reasons.</summary>
    IReadOnlyList<ExportDrop> Dropped { get; }
}

/// <summary>The export format names and their writers and file names.</summary>
public static class ExportFormats
{
    public const string NerJsonl = "ner-jsonl";
    public const string Conll = "conll";
    public const string LabelStudio = "label-studio";
    public const string Segmentation = "segmentation";
    public const string OcrPairs = "ocr-pairs";

    public static IReadOnlyList<string> All { get; } = [NerJsonl, Conll, LabelStudio, Segmentation, OcrPairs];

    /// <summary>
    /// Whether a continued article's parts stay on their own pages (<c>segmentation</c>: a record is a page and its blocks are that
    /// page's lines) instead of being joined into one article on the first part's page (every other format).
    /// </summary>
    public static bool KeepsPartsOnTheirPages(string format) => format == Segmentation;

    public static IExportWriter CreateWriter(string format, Stream stream) => format switch
    {
        NerJsonl => new NerJsonlWriter(stream),
        Conll => new ConllWriter(stream),
        LabelStudio => new LabelStudioWriter(stream),
        Segmentation => new SegmentationWriter(stream),
        OcrPairs => new OcrPairsWriter(stream),
        _ => throw new ArgumentException($"unknown export format “{format}”; known: {string.Join(", ", All)}", nameof(format)),
    };

    /// <summary>
    /// The file a format writes for a split: without splits (null) <c>ner.jsonl</c>, <c>ner.conll</c>,
    /// <c>label-studio.json</c>, <c>segmentation.jsonl</c>, <c>ocr-pairs.jsonl</c>; with splits <c>train.jsonl</c>,
    /// <c>train.conll</c>, <c>train.json</c>, <c>segmentation.train.jsonl</c>, <c>ocr-pairs.train.jsonl</c>.
    /// </summary>
    public static string FileName(string format, string? split) => (format, split) switch
    {
        (NerJsonl, null) => "ner.jsonl",
        (NerJsonl, _) => $"{split}.jsonl",
        (Conll, null) => "ner.conll",
        (Conll, _) => $"{split}.conll",
        (LabelStudio, null) => "label-studio.json",
        (LabelStudio, _) => $"{split}.json",
        (Segmentation, null) => "segmentation.jsonl",
        (Segmentation, _) => $"segmentation.{split}.jsonl",
        (OcrPairs, null) => "ocr-pairs.jsonl",
        (OcrPairs, _) => $"ocr-pairs.{split}.jsonl",
        _ => throw new ArgumentException($"unknown export format “{format}”", nameof(format)),
    };
}

/// <summary>Shared JSON settings: UTF-8 without BOM, compact, CJK unescaped, "\n" line ends.</summary>
internal static class ExportJson
{
    /// <summary>
    /// Every BMP range is allowed so CJK stays readable. The encoder still escapes HTML-sensitive ASCII and
    /// characters outside the BMP (as a \uD840\uDC00 pair), which every JSON reader decodes back.
    /// </summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    public static readonly JsonWriterOptions Compact = new() { Encoder = Encoder, Indented = false };

    public static readonly JsonWriterOptions Indented = new() { Encoder = Encoder, Indented = true, NewLine = "\n" };

    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Code-point offsets of a UTF-16 range; cheap when the text has no surrogates.</summary>
    public static (int Start, int End) CodePointRange(string text, int start, int end) =>
        text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0
            ? (start, end)
            : (CodePoints.FromUtf16(text, start), CodePoints.FromUtf16(text, end));

    public static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    public static void WriteNullableNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary><c>"itemType"</c>: the kind of item the source file declared (METS TYPE), only when it declared one.</summary>
    public static void WriteItemType(Utf8JsonWriter json, string? itemType)
    {
        if (itemType is not null)
        {
            json.WriteString("itemType", itemType);
        }
    }

    /// <summary>A continued article's parts (<c>"parts":[{"article","source","publication","date","number","key","start","end"}]</c>); nothing for a one-page article.</summary>
    public static void WriteParts(Utf8JsonWriter json, IReadOnlyList<ExportPart> parts)
    {
        if (parts.Count == 0)
        {
            return;
        }

        json.WriteStartArray("parts");
        foreach (var part in parts)
        {
            json.WriteStartObject();
            json.WriteString("article", part.ArticleId);
            WritePage(json, part.Page);
            json.WriteNumber("key", part.ArticleKey);
            json.WriteNumber("start", part.Start);
            json.WriteNumber("end", part.End);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WritePage(Utf8JsonWriter json, ExportPageInfo page)
    {
        json.WriteString("source", page.Source);
        json.WriteString("publication", page.Publication);
        json.WriteString("date", page.Date);
        WriteNullableNumber(json, "number", page.Number);
    }
}

/// <summary>Base for JSON Lines writers: one compact JSON object and "\n" per record, flushed record by record.</summary>
public abstract class JsonLinesWriter : IExportWriter
{
    private readonly Stream _stream;
    private bool _completed;

    protected JsonLinesWriter(Stream stream)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        Json = new Utf8JsonWriter(stream, ExportJson.Compact);
    }

    protected Utf8JsonWriter Json { get; }

    public IReadOnlyList<ExportDrop> Dropped => [];

    public abstract void Write(ExportArticle article, string split);

    public virtual void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            Json.Flush();
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        Json.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Ends the record just written: flushes it and writes the line end.</summary>
    protected void EndRecord()
    {
        Json.Flush();
        _stream.WriteByte((byte)'\n');
        Json.Reset();
    }
}

/// <summary>
/// <c>ner-jsonl</c>: one article per line,
/// <c>{"id","page":{"source","publication","date","number"},"title",["itemType",]"text","entities":[{"start","end","label","text","source"}],"split","status","annotators","reviewer"}</c>
/// with start/end in Unicode code points of text, end exclusive.
/// </summary>
public sealed class NerJsonlWriter(Stream stream) : JsonLinesWriter(stream)
{
    public override void Write(ExportArticle article, string split)
    {
        ArgumentNullException.ThrowIfNull(article);
        var json = Json;
        json.WriteStartObject();
        json.WriteString("id", article.Id);
        json.WriteStartObject("page");
        ExportJson.WritePage(json, article.Page);
        json.WriteEndObject();
        ExportJson.WriteParts(json, article.Parts);
        json.WriteString("title", article.Title);
        ExportJson.WriteItemType(json, article.ItemType);
        json.WriteString("text", article.Text);
        json.WriteStartArray("entities");
        foreach (var entity in article.Entities)
        {
            var (start, end) = ExportJson.CodePointRange(article.Text, entity.Start, entity.End);
            json.WriteStartObject();
            json.WriteNumber("start", start);
            json.WriteNumber("end", end);
            json.WriteString("label", entity.Label);
            json.WriteString("text", entity.Text);
            json.WriteString("source", entity.Source);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("split", split);
        json.WriteString("status", article.Status);
        ExportJson.WriteStrings(json, "annotators", article.Annotators);
        json.WriteString("reviewer", article.Reviewer);
        json.WriteEndObject();
        EndRecord();
    }
}

/// <summary><c>ocr-pairs</c>: one line of an article per record, <c>{"page","line","article","ocr","corrected","changed"}</c>.</summary>
public sealed class OcrPairsWriter(Stream stream) : JsonLinesWriter(stream)
{
    public override void Write(ExportArticle article, string split)
    {
        ArgumentNullException.ThrowIfNull(article);
        foreach (var line in article.Lines)
        {
            var json = Json;
            json.WriteStartObject();
            json.WriteString("page", line.PageSource ?? article.Page.Source);
            json.WriteNumber("line", line.Number);
            json.WriteString("article", article.Id);
            json.WriteString("ocr", line.Ocr);
            json.WriteString("corrected", line.Corrected);
            json.WriteBoolean("changed", line.Changed);
            json.WriteEndObject();
            EndRecord();
        }
    }
}

/// <summary>
/// <c>label-studio</c>: a JSON array of tasks, one per line, streamed:
/// <c>{"id":1,"data":{"text","title","source","articleId"},"annotations":[{"result":[{"id","from_name":"label","to_name":"text","type":"labels","value":{"start","end","text","labels":[..]}}]}]}</c>.
/// Offsets are Unicode code points, end exclusive: Label Studio's frontend stores code-point offsets since
/// label-studio-frontend PR #308 (older versions used UTF-16 units), which is also what Python's str indexing uses.
/// Task ids count from 1 in each file; result ids are "taskId_entityIndex" so output is deterministic.
/// </summary>
public sealed class LabelStudioWriter : IExportWriter
{
    public void Dispose() => _json.Dispose();

    private static readonly byte[] Open = "[\n"u8.ToArray();
    private static readonly byte[] Separator = ",\n"u8.ToArray();
    private static readonly byte[] Close = "\n]\n"u8.ToArray();
    private static readonly byte[] Empty = "[]\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;
    private int _count;
    private bool _completed;

    public LabelStudioWriter(Stream stream)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _json = new Utf8JsonWriter(stream, ExportJson.Compact);
    }

    public IReadOnlyList<ExportDrop> Dropped => [];

    public void Write(ExportArticle article, string split)
    {
        ArgumentNullException.ThrowIfNull(article);
        ObjectDisposedException.ThrowIf(_completed, this);
        _stream.Write(_count == 0 ? Open : Separator);
        _count++;
        var json = _json;
        json.WriteStartObject();
        json.WriteNumber("id", _count);
        json.WriteStartObject("data");
        json.WriteString("text", article.Text);
        json.WriteString("title", article.Title);
        json.WriteString("source", article.Page.Source);
        json.WriteString("articleId", article.Id);
        ExportJson.WriteItemType(json, article.ItemType);
        ExportJson.WriteParts(json, article.Parts);
        json.WriteEndObject();
        json.WriteStartArray("annotations");
        json.WriteStartObject();
        json.WriteStartArray("result");
        for (var i = 0; i < article.Entities.Count; i++)
        {
            var entity = article.Entities[i];
            var (start, end) = ExportJson.CodePointRange(article.Text, entity.Start, entity.End);
            json.WriteStartObject();
            json.WriteString("id", $"{_count}_{i + 1}");
            json.WriteString("from_name", "label");
            json.WriteString("to_name", "text");
            json.WriteString("type", "labels");
            json.WriteStartObject("value");
            json.WriteNumber("start", start);
            json.WriteNumber("end", end);
            json.WriteString("text", entity.Text);
            json.WriteStartArray("labels");
            json.WriteStringValue(entity.Label);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        json.Reset();
    }

    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _stream.Write(_count == 0 ? Empty : Close);
        _stream.Flush();
    }
}
