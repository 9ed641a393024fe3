using System.Text.Json;

namespace Workbench.Core.Export;

/// <summary>An article of a <see cref="SegmentationPage"/>: the segmentation contract's article plus id and status.</summary>
public sealed record SegmentationPageArticle(string Id, string Status, string Title, double Confidence, IReadOnlyList<ExportBlock> Blocks, string Text)
{
    /// <summary>A continued article's parts: every part is written on its own page with its own blocks, each listing all parts.</summary>
    public IReadOnlyList<ExportPart> Parts { get; init; } = [];

    /// <summary>The kind of item the source file declared (METS TYPE), or null.</summary>
    public string? ItemType { get; init; }
}

/// <summary>
/// One page in the segmentation JSON contract (<c>source, format, lineCount, articles[title, confidence,
/// blocks[role, firstLine, lastLine, text], text]</c>) plus page metadata, the split and each article's id and status.
/// </summary>
public sealed record SegmentationPage(ExportPageInfo Page, string Format, int LineCount, string Split, IReadOnlyList<SegmentationPageArticle> Articles)
{
    /// <summary>
    /// Writes <c>{"source","format","lineCount","publication","date","number","split","articles":[{"id","status","title",
    /// "confidence","blocks":[{"role","firstLine","lastLine","text"}],"text"}]}</c>.
    /// </summary>
    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("source", Page.Source);
        json.WriteString("format", Format);
        json.WriteNumber("lineCount", LineCount);
        json.WriteString("publication", Page.Publication);
        json.WriteString("date", Page.Date);
        ExportJson.WriteNullableNumber(json, "number", Page.Number);
        json.WriteString("split", Split);
        json.WriteStartArray("articles");
        foreach (var article in Articles)
        {
            json.WriteStartObject();
            json.WriteString("id", article.Id);
            json.WriteString("status", article.Status);
            json.WriteString("title", article.Title);
            ExportJson.WriteItemType(json, article.ItemType);
            json.WriteNumber("confidence", Math.Round(article.Confidence, 3));
            json.WriteStartArray("blocks");
            foreach (var block in article.Blocks)
            {
                json.WriteStartObject();
                json.WriteString("role", block.Role);
                json.WriteNumber("firstLine", block.FirstLine);
                json.WriteNumber("lastLine", block.LastLine);
                json.WriteString("text", block.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("text", article.Text);
            ExportJson.WriteParts(json, article.Parts);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

/// <summary>
/// <c>segmentation</c>: one PAGE per line as a <see cref="SegmentationPage"/>. Articles of a page must arrive one after
/// another (a page's articles are held until the next page starts); a page seen again later is refused. Confidence
/// is 1 for every article: exported segmentations are edited by people, not guessed.
/// </summary>
public sealed class SegmentationWriter(Stream stream) : JsonLinesWriter(stream)
{
    private readonly List<SegmentationPageArticle> _articles = [];
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private ExportArticle? _first;
    private string _split = "";

    public override void Write(ExportArticle article, string split)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (_first is not null && !string.Equals(_first.Page.Source, article.Page.Source, StringComparison.Ordinal))
        {
            FlushPage();
        }

        if (_first is null && _done.Contains(article.Page.Source))
        {
            throw new InvalidOperationException($"segmentation export: the articles of page “{article.Page.Source}” are not consecutive");
        }

        _first ??= article;
        _split = split;
        _articles.Add(new SegmentationPageArticle(article.Id, article.Status, article.Title, 1.0, article.Blocks, article.Text) { Parts = article.Parts, ItemType = article.ItemType });
    }

    public override void Complete()
    {
        FlushPage();
        base.Complete();
    }

    private void FlushPage()
    {
        if (_first is null)
        {
            return;
        }

        new SegmentationPage(_first.Page, _first.PageFormat, _first.PageLineCount, _split, [.. _articles]).Write(Json);
        EndRecord();
        _done.Add(_first.Page.Source);
        _first = null;
        _articles.Clear();
    }
}
