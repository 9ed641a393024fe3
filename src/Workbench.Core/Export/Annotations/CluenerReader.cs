using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>
/// CLUENER: <c>{"text", "label": {"type": {"entity text": [[start, end]]}}}</c>; code points, <b>end inclusive</b>; each span's
/// text must be the entity text it is listed under.
/// </summary>
internal sealed class CluenerReader : IJsonRecordReader
{
    public IReadOnlySet<string> Fields { get; } = new HashSet<string>(StringComparer.Ordinal) { "text", "label", "id", "relations" };

    public ImportedText? Read(JsonElement record, NotImportedCounter notes)
    {
        var text = AnnotationJson.RequiredString(record, "text");
        var spans = new List<ImportedSpan>();
        if (AnnotationJson.Optional(record, "label") is not { } labels)
        {
            return SpanChecks.Text(text, spans);
        }

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
                foreach (var pair in AnnotationJson.Array(entity.Value, $"{type.Name}.{entity.Name}"))
                {
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
                    {
                        throw new RecordException(CoreText.Format("Annot.CluenerSpan", pair.GetRawText()));
                    }

                    var span = SpanChecks.FromCodePoints(text, AnnotationJson.Number(pair[0]), AnnotationJson.Number(pair[1]), type.Name, endInclusive: true);
                    SpanChecks.Check(text, span, entity.Name);
                    spans.Add(span);
                }
            }
        }

        return SpanChecks.Text(text, spans);
    }
}
