using System.Text.Json;
using Workbench.Core.Text;

namespace Workbench.Core.Export;

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
