using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>
/// Label Studio's JSON export: an array of tasks; the text is <c>data.text</c>; spans come from the first annotation that is not
/// cancelled (results of type <c>labels</c>, one span per label; <c>value.text</c> checked). Offsets are code points, end exclusive
/// (see <see cref="LabelStudioWriter"/>). Not imported, and counted: the task's other annotations and drafts, predictions, relation
/// results, results that hold no span (<c>choices</c>, <c>textarea</c>…). A result of another type that marks a span (it has
/// <c>start</c>/<c>end</c>) refuses the task: its spans would be lost. Refusals name the task's 1-based position.
/// </summary>
internal static class LabelStudioReader
{
    private static readonly string[] OffsetFields = ["start", "end", "startOffset", "endOffset"];

    public static ImportedDocument Read(string name, JsonDocument document)
    {
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new AnnotationImportException(0, CoreText.Get("Annot.LabelStudioArray"));
        }

        var texts = new List<ImportedText>();
        var notes = new NotImportedCounter();
        var number = 0;
        foreach (var task in document.RootElement.EnumerateArray())
        {
            number++;
            try
            {
                texts.Add(ReadTask(task, notes));
            }
            catch (RecordException e)
            {
                throw new AnnotationImportException(AnnotationPlace.Task, number, e.Message, e);
            }
        }

        return new ImportedDocument(name, texts) { NotImported = notes.ToList() };
    }

    /// <summary>Whether a JSON array looks like Label Studio tasks: its first element is an object with a <c>data</c> object.</summary>
    public static bool IsTasks(JsonElement root) =>
        root.ValueKind == JsonValueKind.Array
        && (root.GetArrayLength() == 0 || (root[0].ValueKind == JsonValueKind.Object && root[0].TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object));

    private static ImportedText ReadTask(JsonElement task, NotImportedCounter notes)
    {
        if (task.ValueKind != JsonValueKind.Object || !task.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new RecordException(CoreText.Format("Annot.TaskData", AnnotationJson.Keys(task)));
        }

        var text = AnnotationJson.RequiredString(data, "text");
        var spans = new List<ImportedSpan>();
        if (AnnotationJson.Optional(task, "predictions") is { ValueKind: JsonValueKind.Array } predictions)
        {
            notes.Add(NotImportedKind.Predictions, predictions.EnumerateArray().Count(p => p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Array && r.GetArrayLength() > 0));
        }

        if (AnnotationJson.Optional(task, "drafts") is { ValueKind: JsonValueKind.Array } drafts)
        {
            notes.Add(NotImportedKind.OtherAnnotations, drafts.GetArrayLength());
        }

        if (AnnotationJson.Optional(task, "annotations") is not { ValueKind: JsonValueKind.Array } annotations)
        {
            return SpanChecks.Text(text, spans);
        }

        var kept = annotations.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object
            && !(a.TryGetProperty("was_cancelled", out var cancelled) && cancelled.ValueKind == JsonValueKind.True)).ToList();
        if (kept.Count == 0)
        {
            return SpanChecks.Text(text, spans);
        }

        notes.Add(NotImportedKind.OtherAnnotations, kept.Count - 1);
        if (!kept[0].TryGetProperty("result", out var results))
        {
            return SpanChecks.Text(text, spans);
        }

        foreach (var result in AnnotationJson.Array(results, "result"))
        {
            var type = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            if (type == "relation")
            {
                notes.Add(NotImportedKind.Relations, 1);
                continue;
            }

            var value = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Object ? v : (JsonElement?)null;
            if (type != "labels")
            {
                if (value is { } other && OffsetFields.Any(f => other.TryGetProperty(f, out _)))
                {
                    throw new RecordException(CoreText.Format("Annot.UnreadResultSpans", type));
                }

                notes.Add(NotImportedKind.OtherResults, 1, type.Length > 0 ? type : "?");
                continue;
            }

            if (value is not { } labelled)
            {
                throw new RecordException(CoreText.Get("Annot.ResultValue"));
            }

            var start = AnnotationJson.Int(labelled, "start");
            var end = AnnotationJson.Int(labelled, "end");
            if (!labelled.TryGetProperty("labels", out var labels))
            {
                throw new RecordException(CoreText.Get("Annot.ResultLabels"));
            }

            foreach (var label in AnnotationJson.Array(labels, "labels"))
            {
                if (label.ValueKind != JsonValueKind.String)
                {
                    throw new RecordException(CoreText.Format("Annot.LabelString", label.GetRawText()));
                }

                var span = SpanChecks.FromCodePoints(text, start, end, label.GetString()!);
                if (labelled.TryGetProperty("text", out var claimed) && claimed.ValueKind == JsonValueKind.String)
                {
                    SpanChecks.Check(text, span, claimed.GetString()!);
                }

                spans.Add(span);
            }
        }

        return SpanChecks.Text(text, spans);
    }
}
