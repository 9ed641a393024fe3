using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>
/// <c>{"text", "entities": [{"start", "end", "label"}]}</c> records: Workbench's own <c>ner-jsonl</c> export, Prodigy and spaCy
/// (<c>"spans": [{"start", "end", "label", "token_start", "token_end"}]</c>), spaCy <c>Doc.to_json()</c> (<c>"ents"</c>, and
/// <c>"spans"</c> as span groups <c>{"sc": [...]}</c>). Offsets are Python string offsets, i.e. Unicode code points, end exclusive
/// (Prodigy and spaCy slice <c>text[start:end]</c>); a span's <c>"text"</c>, when given, must be the text there.
/// A record takes its spans from the one of <c>entities</c>/<c>spans</c>/<c>ents</c> that is not empty (two refuse the record: which
/// is meant cannot be told). Prodigy records answered <c>reject</c> or <c>ignore</c> are left out and counted.
/// </summary>
internal sealed class NerJsonlReader : IJsonRecordReader
{
    private static readonly string[] SpanFields = ["entities", "spans", "ents"];

    public IReadOnlySet<string> Fields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "text", "entities", "spans", "ents", "relations",
        // Workbench's own export: the page and, for a continued article, its parts' ranges (not entities).
        "id", "page", "title", "parts", "split", "status", "annotators", "reviewer", "itemType",
        // Prodigy and spaCy: tokenisation and sentences, not annotations; task metadata.
        "tokens", "sents", "meta", "answer", "_input_hash", "_task_hash", "_view_id", "_session_id", "_annotator_id", "_timestamp",
    };

    public ImportedText? Read(JsonElement record, NotImportedCounter notes)
    {
        var text = AnnotationJson.RequiredString(record, "text");
        if (AnnotationJson.Optional(record, "answer") is { ValueKind: JsonValueKind.String } answer && answer.GetString() is "reject" or "ignore")
        {
            notes.Add(NotImportedKind.RejectedRecords, 1);
            return null;
        }

        var given = SpanFields.Where(f => AnnotationJson.Optional(record, f) is { } v && !IsEmpty(v)).ToList();
        if (given.Count > 1)
        {
            throw new RecordException(CoreText.Format("Annot.SeveralSpanFields", string.Join(", ", given.Select(g => $"\"{g}\""))));
        }

        var spans = new List<ImportedSpan>();
        if (given.Count == 1)
        {
            var field = given[0];
            var value = record.GetProperty(field);
            var items = value.ValueKind == JsonValueKind.Object && field == "spans"
                ? value.EnumerateObject().SelectMany(group => AnnotationJson.Array(group.Value, $"spans.{group.Name}"))
                : AnnotationJson.Array(value, field);
            foreach (var entity in items)
            {
                var label = AnnotationJson.RequiredString(entity, "label");
                var span = SpanChecks.FromCodePoints(text, AnnotationJson.Int(entity, "start"), AnnotationJson.Int(entity, "end"), label);
                if (entity.TryGetProperty("text", out var claimed) && claimed.ValueKind == JsonValueKind.String)
                {
                    SpanChecks.Check(text, span, claimed.GetString()!);
                }

                spans.Add(span);
            }
        }

        return SpanChecks.Text(text, spans);
    }

    private static bool IsEmpty(JsonElement value) =>
        (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
        || (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 0));
}
