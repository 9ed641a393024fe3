using Workbench.Core.Export;
using static Workbench.Core.Tests.Export.ExportFixtures;

namespace Workbench.Core.Tests.Export;

public class ConllTests
{
    [Fact]
    public void OneCharacterPerLineWithSentenceAndArticleBreaks()
    {
        var article = Article("a", Page1, "𠀀徐某说：“好！”他 走了。", ("PER", "徐某"));

        var (_, files) = Run([article, Article("b", Page1, "😀李四", ("PER", "李四"))], new ExportOptions(ExportFormats.Conll));

        Assert.Equal(
            "𠀀 O\n徐 B-PER\n某 I-PER\n说 O\n： O\n“ O\n好 O\n！ O\n” O\n\n他 O\n走 O\n了 O\n。 O\n\n😀 O\n李 B-PER\n四 I-PER\n\n",
            Utf8(files["ner.conll"]));
    }

    [Fact]
    public void WhitespaceIsLeftOutAndEntitiesAcrossItKeepGoing()
    {
        var (_, files) = Run([Article("a", Page1, "到 New York?好", ("LOC", "New York"))], new ExportOptions(ExportFormats.Conll));

        Assert.Equal("到 O\nN B-LOC\ne I-LOC\nw I-LOC\nY I-LOC\no I-LOC\nr I-LOC\nk I-LOC\n? O\n\n好 O\n\n", Utf8(files["ner.conll"]));
    }

    [Fact]
    public void NestedEntitiesKeepTheOutermostAndAreCounted()
    {
        var text = "北京大学的张三丰说";
        var article = new ExportArticle("a", Page1, "", text,
        [
            new ExportEntity(0, 2, "LOC", "北京", "manual"),
            new ExportEntity(0, 4, "ORG", "北京大学", "manual"),
            new ExportEntity(5, 7, "PER", "张三", "manual"),      // overlaps 三丰 equally long: earliest wins
            new ExportEntity(6, 8, "PER", "三丰", "manual"),
        ], "approved", [], null);

        var (manifest, files) = Run([article], new ExportOptions(ExportFormats.Conll));

        Assert.Equal("北 B-ORG\n京 I-ORG\n大 I-ORG\n学 I-ORG\n的 O\n张 B-PER\n三 I-PER\n丰 O\n说 O\n\n", Utf8(files["ner.conll"]));
        Assert.Equal(2, manifest.Dropped.Count);
        Assert.All(manifest.Dropped, d => Assert.Contains("nested in or overlapping", d.Reason, StringComparison.Ordinal));
        Assert.Equal(["LOC", "PER"], manifest.Dropped.Select(d => d.Label).Order());
        Assert.Equal(new Dictionary<string, int> { ["ORG"] = 1, ["PER"] = 1 }, manifest.Labels);
    }

    [Fact]
    public void ASentenceEndInsideAnEntityDoesNotBreakIt()
    {
        var (_, files) = Run([Article("a", Page1, "看《你好！世界》吧", ("WORK", "你好！世界"))], new ExportOptions(ExportFormats.Conll));

        Assert.DoesNotContain("\n\n世", Utf8(files["ner.conll"]), StringComparison.Ordinal);
        Assert.Contains("！ I-WORK\n世 I-WORK\n", Utf8(files["ner.conll"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ConllInThenOutGivesTheSameCharactersAndTagsInOrder()
    {
        // CRLF line ends, space and tab separators, a character outside the BMP inside an entity, a sentence with
        // no final punctuation and one ending in "。”".
        const string input =
            "𠀀 B-PER\r\n徐\tI-PER\r\n说 O\r\n： O\r\n“ O\r\n好 O\r\n。 O\r\n” O\r\n\r\n" +
            "北 B-LOC\r\n京 I-LOC\r\n台 B-LOC\r\n港 B-LOC\r\n😀 O\r\n\r\n" +
            "ａ B-ORG\r\nｂ I-ORG\r\n\r\n";

        var imported = AnnotationImport.Read("in.conll", System.Text.Encoding.UTF8.GetBytes(input));
        Assert.Equal(["𠀀徐说：“好。”", "北京台港😀", "ａｂ"], imported.Texts.Select(t => t.Text));
        var (_, files) = Run(ExportArticles.FromImported(imported), new ExportOptions(ExportFormats.Conll));

        Assert.Equal(Pairs(input), Pairs(Utf8(files["ner.conll"])));
        Assert.Equal(
            "𠀀 B-PER\n徐 I-PER\n说 O\n： O\n“ O\n好 O\n。 O\n” O\n\n北 B-LOC\n京 I-LOC\n台 B-LOC\n港 B-LOC\n😀 O\n\nａ B-ORG\nｂ I-ORG\n\n",
            Utf8(files["ner.conll"]));
    }

    [Fact]
    public void ExportedConllReadsBackToTheSameEntities()
    {
        var (_, files) = Run(Sample(), new ExportOptions(ExportFormats.Conll));

        var imported = AnnotationImport.Read("out.conll", files["ner.conll"]);
        var labels = imported.Texts.SelectMany(t => t.Spans.Select(s => (t.Text[s.Start..s.End], s.Label))).ToList();
        Assert.Equal(
            Sample().SelectMany(a => a.Entities.Select(e => (e.Text.Replace(" ", "", StringComparison.Ordinal), e.Label))),
            labels);
    }

    private static List<(string, string)> Pairs(string conll) =>
    [
        .. conll.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(' ', '\t'))
            .Select(f => (f[0], f[^1])),
    ];
}
