namespace Workbench.Core.Export;

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
