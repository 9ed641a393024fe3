using System.Collections.Immutable;
using System.Text.Json;
using Workbench.Core.Editing;
using Workbench.Core.Export;
using Workbench.Core.Segmentation;
using Workbench.Core.Tests.Editing;
using static Workbench.Core.Tests.Export.ExportFixtures;

namespace Workbench.Core.Tests.Export;

public class PageExportTests
{
    private static PageState TwoArticles() =>
        PageBuilder.Build(
            ["头条标题", "  徐振朋在乌兰", "察布市主持会议。", "", "第二篇 张三说", "😀李四"],
            [(BlockRole.Headline, 1, 1), (BlockRole.Body, 2, 3)],
            [(BlockRole.Body, 5, 6)]);

    [Fact]
    public void EntitiesAreMappedIntoArticleText()
    {
        var state = TwoArticles()
            .Tag("PER", 2, "徐振朋")
            .Then(new AddEntity("LOC", new Anchor(2, 6), new Anchor(3, 3), "乌兰\n察布市"))
            .Tag("PER", 6, "李四");

        var article = ExportArticles.From(state, 1, Page1, "p1-1", ["ann"], "rev")!;

        Assert.Equal("头条标题\n徐振朋在乌兰察布市主持会议。", article.Text);
        Assert.Equal([("徐振朋", "PER"), ("乌兰察布市", "LOC")], article.Entities.Select(e => (article.Text[e.Start..e.End], e.Label)));
        Assert.Equal("乌兰察布市", article.Entities[1].Text); // the slice, not the stored "乌兰\n察布市"
        Assert.Empty(article.Dropped);
        Assert.Equal("draft", article.Status);
        Assert.Equal(["headline", "body"], article.Blocks.Select(b => b.Role));
        Assert.Equal([1, 2, 3], article.Lines.Select(l => l.Number));
        Assert.Equal(6, article.PageLineCount);

        var second = ExportArticles.From(state, 2, Page1, "p1-2")!;
        Assert.Equal("第二篇 张三说😀李四", second.Text);
        Assert.Equal([("李四", "PER")], second.Entities.Select(e => (e.Text, e.Label)));
        Assert.Null(ExportArticles.From(state, 9, Page1, "x"));
    }

    [Fact]
    public void UnmappableEntitiesAreDroppedWithAReason()
    {
        var state = TwoArticles();
        state = state with
        {
            Entities =
            [
                new EntityState(1, "ORG", new Anchor(3, 0), new Anchor(5, 3), "察布市主持会议。\n\n第二篇"),
                new EntityState(2, "PER", new Anchor(2, 2), new Anchor(2, 5), "王五六"),
            ],
        };

        var article = ExportArticles.From(state, 1, Page1, "p1-1")!;

        Assert.Empty(article.Entities);
        Assert.Equal(2, article.Dropped.Count);
        Assert.Contains("crosses the article boundary", article.Dropped[0].Reason, StringComparison.Ordinal);
        Assert.Contains("“徐振朋”", article.Dropped[1].Reason, StringComparison.Ordinal);

        var (manifest, _) = Run([article], new ExportOptions(ExportFormats.NerJsonl));
        Assert.Equal(2, manifest.Dropped.Count);
    }

    [Fact]
    public void SegmentationWritesOnePagePerLine()
    {
        var state = TwoArticles();
        var page2 = new ExportPageInfo("p2.txt", null, null, 2);
        var articles = new[]
        {
            ExportArticles.From(state, 1, Page1, "p1-1")!,
            ExportArticles.From(state, 2, Page1, "p1-2")!,
            ExportArticles.From(state, 1, page2, "p2-1")!,
        };

        var (_, files) = Run(articles, new ExportOptions(ExportFormats.Segmentation));

        var pages = JsonLines(files["segmentation.jsonl"]);
        Assert.Equal(2, pages.Count);
        Assert.Equal(
            ["source", "format", "lineCount", "publication", "date", "number", "split", "articles"],
            pages[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(6, pages[0].GetProperty("lineCount").GetInt32());
        var first = pages[0].GetProperty("articles")[0];
        Assert.Equal(["id", "status", "title", "confidence", "blocks", "text"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("headline", first.GetProperty("blocks")[0].GetProperty("role").GetString());
        Assert.Equal("徐振朋在乌兰察布市主持会议。", first.GetProperty("blocks")[1].GetProperty("text").GetString());
        Assert.Equal(["p1-1", "p1-2"], pages[0].GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        Assert.Throws<InvalidOperationException>(() => Run([articles[0], articles[2], articles[1]], new ExportOptions(ExportFormats.Segmentation)));
    }

    [Fact]
    public void OcrPairsWriteEveryLineOfTheArticle()
    {
        var state = TwoArticles().Then(new EditLine(3, "察布市主持会议。", "察布市主持了会议。"));

        var (_, files) = Run([ExportArticles.From(state, 1, Page1, "p1-1")!], new ExportOptions(ExportFormats.OcrPairs));

        var lines = JsonLines(files["ocr-pairs.jsonl"]);
        Assert.Equal([1, 2, 3], lines.Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal([false, false, true], lines.Select(l => l.GetProperty("changed").GetBoolean()));
        Assert.Equal(
            """{"page":"1998-01-01_p1.txt","line":3,"article":"p1-1","ocr":"察布市主持会议。","corrected":"察布市主持了会议。","changed":true}""",
            Utf8(files["ocr-pairs.jsonl"]).Split('\n')[2]);
    }

    [Fact]
    public void StatusNamesAreCamelCase()
    {
        var state = TwoArticles() with
        {
            Articles = TwoArticles().Articles.SetItem(0, TwoArticles().Articles[0] with { Status = ArticleStatus.ChangesRequested }),
        };

        Assert.Equal("changesRequested", ExportArticles.From(state, 1, Page1, "x")!.Status);
        _ = ImmutableList<int>.Empty;
        _ = JsonSerializer.Serialize(1);
    }
}
