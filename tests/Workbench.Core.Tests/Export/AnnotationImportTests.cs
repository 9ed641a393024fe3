using System.Text;
using Workbench.Core.Export;

namespace Workbench.Core.Tests.Export;

public class AnnotationImportTests
{
    private static ImportedDocument Read(string name, string content, AnnotationFormat? format = null) =>
        AnnotationImport.Read(name, Encoding.UTF8.GetBytes(content), format);

    private static AnnotationImportException Refused(string name, string content) =>
        Assert.Throws<AnnotationImportException>(() => Read(name, content));

    private static List<(string Text, string Label)> Spans(ImportedText text) =>
        [.. text.Spans.Select(s => (text.Text[s.Start..s.End], s.Label))];

    [Fact]
    public void DoccanoOffsetsAreCodePoints()
    {
        // 😀 and 𠀀 are one code point each: 张三 is [2, 4) in code points, [4, 6) in UTF-16.
        var doc = Read("d.jsonl", "{\"text\": \"😀𠀀张三在北京\", \"label\": [[2, 4, \"PER\"], [5, 7, \"LOC\"]]}\r\n{\"text\": \"空\", \"label\": []}\r\n");

        Assert.Equal(AnnotationFormat.Doccano, AnnotationImport.Detect("d.jsonl", "{\"text\": \"x\", \"label\": []}"));
        Assert.Equal(2, doc.Texts.Count);
        Assert.Equal([("张三", "PER"), ("北京", "LOC")], Spans(doc.Texts[0]));
        Assert.Equal(new ImportedSpan(4, 6, "PER"), doc.Texts[0].Spans[0]);
        Assert.Empty(doc.Texts[1].Spans);
    }

    [Fact]
    public void DoccanoEntitiesShapeAndPrettyPrintedRecordsAreRead()
    {
        const string content = """
            {
              "id": 0,
              "text": "张三在北京",
              "relations": [],
              "entities": [ { "id": 1, "label": "人名", "start_offset": 0, "end_offset": 2 } ]
            }
            {"id": 1, "text": "李四", "entities": [{"id": 2, "label": "人名", "start_offset": 0, "end_offset": 2}]}
            """;

        var doc = Read("r.jsonl", content);

        Assert.Equal([("张三", "人名")], Spans(doc.Texts[0]));
        Assert.Equal([("李四", "人名")], Spans(doc.Texts[1]));
    }

    [Fact]
    public void DoccanoRecordWithoutTextIsRefusedWithItsLine()
    {
        var e = Refused("d.jsonl", "{\"text\": \"exampleA\", \"label\": [[0, 1, \"LOC\"]]}\n{\"text\": \"exampleB\", \"label\": []}\n{\"label\": [[0, 1, \"PER\"]]}\n");

        Assert.Equal(3, e.Record);
        Assert.Contains("\"text\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrlfInsideTextIsKeptAsItCame()
    {
        var doc = Read("d.jsonl", "{\"text\": \"第一行\\r\\n张三\", \"label\": [[5, 7, \"PER\"]]}\r\n");

        Assert.Equal("第一行\r\n张三", doc.Texts[0].Text);
        Assert.Equal([("张三", "PER")], Spans(doc.Texts[0]));
    }

    [Fact]
    public void CluenerEndIsInclusiveAndOneEntityMayHaveSeveralSpans()
    {
        const string content =
            "{\"text\": \"𠀀爱情公寓和爱情公寓\", \"label\": {\"movie\": {\"爱情公寓\": [[1, 4], [6, 9]]}, \"name\": {\"𠀀\": [[0, 0]]}}}\n";

        Assert.Equal(AnnotationFormat.Cluener, AnnotationImport.Detect("c.json", content));
        var doc = Read("c.json", content);

        Assert.Equal([("𠀀", "name"), ("爱情公寓", "movie"), ("爱情公寓", "movie")], Spans(doc.Texts[0]));
        Assert.Equal(new ImportedSpan(2, 6, "movie"), doc.Texts[0].Spans[1]);
    }

    [Fact]
    public void CluenerSpanThatDoesNotMatchItsEntityTextIsRefused()
    {
        var e = Refused("c.json", "{\"text\": \"浙商银行\", \"label\": {\"company\": {\"浙商银行\": [[0, 3]]}}}\n{\"text\": \"浙商银行\", \"label\": {\"company\": {\"浙商银行\": [[0, 4]]}}}\n");
        Assert.Equal(2, e.Record);

        e = Refused("c.json", "{\"text\": \"浙商银行\", \"label\": {\"company\": {\"浙商\": [[1, 2]]}}}");
        Assert.Equal(1, e.Record);
        Assert.Contains("claims “浙商”", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelStudioTasksAreRead()
    {
        const string content = """
            [
                {"id": 2, "data": {"text": "Une femme 😀 chute"}, "annotations": [
                    {"was_cancelled": true, "result": [{"type": "labels", "value": {"start": 0, "end": 3, "labels": ["X"]}}]},
                    {"result": [
                        {"value": {"start": 11, "end": 17, "text": " chute", "labels": ["Evenement"]}, "id": "b", "from_name": "label", "to_name": "text", "type": "labels"},
                        {"value": {"start": 3, "end": 9, "text": " femme", "labels": ["Personne"]}, "id": "a", "from_name": "label", "to_name": "text", "type": "labels"},
                        {"value": {"choices": ["ok"]}, "type": "choices"}
                    ]}]}
            ]
            """;

        var doc = Read("ls.json", content);

        Assert.Equal([(" femme", "Personne"), (" chute", "Evenement")], Spans(Assert.Single(doc.Texts)));
    }

    [Fact]
    public void LabelStudioSpanWithWrongTextIsRefusedWithItsTask()
    {
        const string content = """
            [{"data": {"text": "张三"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 2, "text": "张三", "labels": ["PER"]}}]}]},
             {"data": {"text": "李四"}, "annotations": [{"result": [{"type": "labels", "value": {"start": 0, "end": 1, "text": "李四", "labels": ["PER"]}}]}]}]
            """;

        var e = Refused("ls.json", content);

        Assert.Equal(2, e.Record);
    }

    [Fact]
    public void LabelStudioOutThenInGivesTheSameSpans()
    {
        var (_, files) = ExportFixtures.Run(ExportFixtures.Sample(), new ExportOptions(ExportFormats.LabelStudio));

        var doc = AnnotationImport.Read("label-studio.json", files["label-studio.json"]);

        Assert.Equal(ExportFixtures.Sample().Select(a => a.Text), doc.Texts.Select(t => t.Text));
        Assert.Equal(
            ExportFixtures.Sample().SelectMany(a => a.Entities.Select(e => (e.Start, e.End, e.Label))),
            doc.Texts.SelectMany(t => t.Spans.Select(s => (s.Start, s.End, s.Label))));
    }

    [Fact]
    public void ConllTagsAndSentencesAreRead()
    {
        var doc = Read("x.bio", "徐 B-PER\n某 I-PER\n到 O\n\n\n北\tB-LOC\n京\tI-LOC\n");

        Assert.Equal(["徐某到", "北京"], doc.Texts.Select(t => t.Text));
        Assert.Equal([("徐某", "PER")], Spans(doc.Texts[0]));
        Assert.Equal([("北京", "LOC")], Spans(doc.Texts[1]));
    }

    [Theory]
    [InlineData("徐 O\n某 I-PER\n", 2, "without a B-PER")]
    [InlineData("徐 B-LOC\n某 I-PER\n", 2, "continues a LOC")]
    [InlineData("徐 B-PER\n\n某 I-PER\n", 3, "without a B-PER")]
    [InlineData("徐 O\n某 S-PER\n", 2, "unsupported tag")]
    [InlineData("徐 O\n某某 O\n", 2, "one character per line")]
    [InlineData("徐 O\r\n某\r\n", 2, "expected “character TAG”")]
    public void BrokenConllIsRefusedWithItsLine(string content, int line, string reason)
    {
        var e = Refused("x.conll", content);

        Assert.Equal(line, e.Record);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenJsonIsRefusedWithItsLine()
    {
        var e = Refused("d.jsonl", "{\"text\": \"a\", \"label\": []}\n{\"text\": \"b\", \"label\": [}\n");

        Assert.Equal(2, e.Record);
        Assert.Contains("broken JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SpanOutsideTheTextIsRefused()
    {
        var e = Refused("d.jsonl", "{\"text\": \"ab\", \"label\": [[1, 3, \"X\"]]}");

        Assert.Equal(1, e.Record);
        Assert.Contains("outside the text", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NerJsonlEntityWithWrongTextIsRefused()
    {
        var e = Refused("n.jsonl", "{\"id\":\"a\",\"text\":\"😀张三\",\"entities\":[{\"start\":0,\"end\":2,\"label\":\"PER\",\"text\":\"张三\"}]}");

        Assert.Equal(1, e.Record);
        Assert.Contains("claims “张三” but the text there is “😀张”", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notes.xml", "<x/>")]
    [InlineData("data.txt", "just some prose\n")]
    [InlineData("data.json", "{\"foo\": 1}")]
    [InlineData("data.json", "42")]
    public void UnknownFormatsAreRefused(string name, string content)
    {
        var e = Refused(name, content);

        Assert.Contains("unknown format", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.conll", "徐 B-PER\n", AnnotationFormat.Conll)]
    [InlineData("a.txt", "\r\n徐\tO\r\n", AnnotationFormat.Conll)]
    [InlineData("a.json", " [ ]", AnnotationFormat.LabelStudio)]
    [InlineData("a.jsonl", "{\"id\":\"x\",\"text\":\"a\",\"entities\":[]}", AnnotationFormat.NerJsonl)]
    [InlineData("a.jsonl", "{\"text\":\"a\",\"entities\":[{\"start_offset\":0}]}", AnnotationFormat.Doccano)]
    [InlineData("a.jsonl", "{\"text\":\"a\",\"label\":{}}", AnnotationFormat.Cluener)]
    public void FormatIsDetectedFromExtensionAndContent(string name, string content, AnnotationFormat expected) =>
        Assert.Equal(expected, AnnotationImport.Detect(name, content));
}
