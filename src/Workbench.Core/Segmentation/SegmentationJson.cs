using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Workbench.Core.Pages;
using Workbench.Core.Text;

namespace Workbench.Core.Segmentation;

/// <summary>Writes a segmentation in the JSON contract documented in the README (names are fixed).</summary>
public static class SegmentationJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string BlockText(SourcePage page, SegmentBlock block) =>
        ArticleText.JoinLines(Enumerable.Range(block.FirstLine, block.LastLine - block.FirstLine + 1).Select(n => page.Line(n).Text));

    public static string ArticleTextOf(SourcePage page, SegmentArticle article) =>
        string.Join("\n", article.Blocks.Select(b => BlockText(page, b)).Where(t => t.Length > 0));

    public static void Write(Stream stream, PageSegmentation segmentation)
    {
        using var json = new Utf8JsonWriter(stream, Options);
        var page = segmentation.Page;
        json.WriteStartObject();
        json.WriteString("source", page.SourceName);
        json.WriteString("format", page.Format.ToString().ToLowerInvariant());
        json.WriteNumber("lineCount", page.Lines.Count);
        json.WriteStartArray("articles");
        foreach (var article in segmentation.Articles)
        {
            json.WriteStartObject();
            json.WriteString("title", article.Title);
            json.WriteNumber("confidence", Math.Round(article.Confidence, 3));
            json.WriteStartArray("blocks");
            foreach (var block in article.Blocks)
            {
                json.WriteStartObject();
                json.WriteString("role", block.Role.Name());
                json.WriteNumber("firstLine", block.FirstLine);
                json.WriteNumber("lastLine", block.LastLine);
                json.WriteString("text", BlockText(page, block));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("text", ArticleTextOf(page, article));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string ToJson(PageSegmentation segmentation)
    {
        using var stream = new MemoryStream();
        Write(stream, segmentation);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
