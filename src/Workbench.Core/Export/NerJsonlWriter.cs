using Workbench.Core.Text;

namespace Workbench.Core.Export;

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
