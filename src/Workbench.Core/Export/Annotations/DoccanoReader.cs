using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>
/// doccano JSONL: <c>{"text", "label": [[start, end, "TYPE"]]}</c> (sequence labelling) or, with relation labelling on,
/// <c>{"text", "entities": [{"start_offset", "end_offset", "label"}], "relations": [...]}</c>; code points, end exclusive.
/// Relations are counted, not imported.
/// </summary>
internal sealed class DoccanoReader : IJsonRecordReader
{
    public IReadOnlySet<string> Fields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "text", "label", "entities", "relations", "id", "meta", "Comments", "comments", "cats", "annotation_approver",
    };

    public ImportedText? Read(JsonElement record, NotImportedCounter notes)
    {
        var text = AnnotationJson.RequiredString(record, "text");
        var spans = new List<ImportedSpan>();
        if (AnnotationJson.Optional(record, "label") is { } labels)
        {
            foreach (var item in AnnotationJson.Array(labels, "label"))
            {
                if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 3
                    || item[0].ValueKind != JsonValueKind.Number || item[1].ValueKind != JsonValueKind.Number
                    || item[2].ValueKind != JsonValueKind.String)
                {
                    throw new RecordException(CoreText.Format("Annot.DoccanoLabel", item.GetRawText()));
                }

                spans.Add(SpanChecks.FromCodePoints(text, AnnotationJson.Number(item[0]), AnnotationJson.Number(item[1]), item[2].GetString()!));
            }
        }

        if (AnnotationJson.Optional(record, "entities") is { } entities)
        {
            foreach (var entity in AnnotationJson.Array(entities, "entities"))
            {
                spans.Add(SpanChecks.FromCodePoints(
                    text, AnnotationJson.Int(entity, "start_offset"), AnnotationJson.Int(entity, "end_offset"), AnnotationJson.RequiredString(entity, "label")));
            }
        }

        return SpanChecks.Text(text, spans);
    }
}
