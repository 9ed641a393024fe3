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
    [InlineData("徐 O\n某 X-PER\n", 2, "unsupported tag")]
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

    [Fact]
    public void ProdigySpans_AreReadInCodePoints_AndRejectedAnswersAreLeftOutAndCounted()
    {
        // Issue 15 case 4: Prodigy (ner.manual) writes "spans" with Python string offsets, i.e. code points; 𠀀 and 😀 are one each.
        const string content = """
            {"text": "𠀀𠀀公司在北京😀成立", "tokens": [{"text": "𠀀𠀀公司", "start": 0, "end": 4, "id": 0}], "_input_hash": 1, "_task_hash": 2, "_view_id": "ner_manual", "spans": [{"start": 0, "end": 4, "token_start": 0, "token_end": 0, "label": "ORG"}, {"start": 5, "end": 7, "token_start": 2, "token_end": 2, "label": "LOC"}], "answer": "accept"}
            {"text": "不要这条", "spans": [{"start": 0, "end": 2, "label": "X"}], "answer": "reject"}
            {"text": "张三😀说", "spans": [{"start": 0, "end": 2, "label": "PER", "text": "张三"}], "answer": "accept", "_timestamp": 1700000000}
            """;

        Assert.Equal(AnnotationFormat.NerJsonl, AnnotationImport.Detect("prodigy.jsonl", content));
        var doc = Read("prodigy.jsonl", content);

        Assert.Equal(["𠀀𠀀公司在北京😀成立", "张三😀说"], doc.Texts.Select(t => t.Text));
        Assert.Equal([("𠀀𠀀公司", "ORG"), ("北京", "LOC")], Spans(doc.Texts[0]));
        Assert.Equal(new ImportedSpan(0, 6, "ORG"), doc.Texts[0].Spans[0]);
        Assert.Equal([("张三", "PER")], Spans(doc.Texts[1]));
        Assert.Equal([new NotImported(NotImportedKind.RejectedRecords, 1)], doc.NotImported);
    }

    [Fact]
    public void SpacyDocJson_EntsAndSpanGroupsAreRead()
    {
        var ents = Read("spacy.jsonl", """{"text": "李四在上海", "ents": [{"start": 0, "end": 2, "label": "PER"}], "sents": [{"start": 0, "end": 5}], "tokens": [{"id": 0, "start": 0, "end": 2}]}""");
        var groups = Read("spacy.jsonl", """{"text": "李四在上海", "spans": {"sc": [{"start": 3, "end": 5, "label": "LOC", "kb_id": ""}]}, "ents": []}""");

        Assert.Equal([("李四", "PER")], Spans(Assert.Single(ents.Texts)));
        Assert.Equal([("上海", "LOC")], Spans(Assert.Single(groups.Texts)));
    }

    [Theory]
    [InlineData("{\"text\": \"张三\", \"entities\": [], \"label\": [[0, 2, \"PER\"]]}", AnnotationFormat.NerJsonl, "\"label\"")]
    [InlineData("{\"text\": \"张三\", \"label\": [], \"spans\": [{\"start\": 0, \"end\": 2, \"label\": \"PER\"}]}", AnnotationFormat.Doccano, "\"spans\"")]
    [InlineData("{\"text\": \"张三\", \"label\": {}, \"mentions\": [{\"begin\": 0, \"end\": 2}]}", AnnotationFormat.Cluener, "\"mentions\"")]
    [InlineData("{\"text\": \"张三\", \"ner\": [{\"char_start\": 0, \"char_end\": 2, \"type\": \"PER\"}]}", AnnotationFormat.NerJsonl, "\"ner\"")]
    public void RecordsWithSpanLikeFieldsTheReaderDoesNotRead_AreRefusedNamingThem(string record, AnnotationFormat format, string named)
    {
        var e = Assert.Throws<AnnotationImportException>(() => Read("x.jsonl", "{\"text\": \"ok\"}\n" + record + "\n", format));

        Assert.Equal(2, e.Record);
        Assert.Contains($"line 2: the record carries {named}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordWithSpansInTwoFields_IsRefused()
    {
        var e = Refused("x.jsonl", """{"text": "张三", "entities": [{"start": 0, "end": 2, "label": "PER"}], "spans": [{"start": 0, "end": 1, "label": "PER"}]}""");

        Assert.Contains("\"entities\", \"spans\"", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Schemes => new()
    {
        // Issue 15 case 5: the same two sentences in every scheme (徐某 PER, 北京 LOC, 沪 and 深 one-character LOCs side by side).
        { "bio", "徐 B-PER\n某 I-PER\n到 O\n北 B-LOC\n京 I-LOC\n\n沪 B-LOC\n深 B-LOC\n涨 O\n" },
        { "bioes", "徐 B-PER\n某 E-PER\n到 O\n北 B-LOC\n京 E-LOC\n\n沪 S-LOC\n深 S-LOC\n涨 O\n" },
        { "iobes", "徐\tB-PER\n某\tE-PER\n到\tO\n北\tB-LOC\n京\tE-LOC\n\n沪\tS-LOC\n深\tS-LOC\n涨\tO\n" },
        { "bmes", "徐 B-PER\n某 E-PER\n到 O\n北 B-LOC\n京 E-LOC\n\n沪 S-LOC\n深 S-LOC\n涨 O\n" },
        { "bilou", "徐 B-PER\n某 L-PER\n到 O\n北 B-LOC\n京 L-LOC\n\n沪 U-LOC\n深 U-LOC\n涨 O\n" },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void ConllSchemes_AllGiveTheSameSpans(string extension, string content)
    {
        var doc = Read("x." + extension, content);

        Assert.Equal(["徐某到北京", "沪深涨"], doc.Texts.Select(t => t.Text));
        Assert.Equal([("徐某", "PER"), ("北京", "LOC")], Spans(doc.Texts[0]));
        Assert.Equal([("沪", "LOC"), ("深", "LOC")], Spans(doc.Texts[1]));
    }

    [Fact]
    public void BmesWithMiddleTags_IsRead()
    {
        var doc = Read("resume.bmes", "中 B-ORG\n国 M-ORG\n银 M-ORG\n行 E-ORG\n高 B-TITLE\n管 E-TITLE\n");

        Assert.Equal([("中国银行", "ORG"), ("高管", "TITLE")], Spans(Assert.Single(doc.Texts)));
    }

    [Theory]
    [InlineData("徐 B-PER\n某 E-PER\n张 B-PER\n到 O\n", 4, "the PER entity is not ended with E-PER")]
    [InlineData("徐 B-PER\n某 E-PER\n张 B-PER\n\n", 4, "before the end of the sentence")]
    [InlineData("徐 S-PER\n某 E-PER\n", 2, "E-PER without a B-PER")]
    [InlineData("徐 B-PER\n某 M-LOC\n某 E-PER\n", 2, "M-LOC continues a PER entity")]
    public void BrokenEndingSchemes_AreRefusedNamingTheLine(string content, int line, string reason)
    {
        var e = Refused("x.bioes", content);

        Assert.Equal(line, e.Record);
        Assert.Equal(AnnotationPlace.Line, e.Place);
        Assert.StartsWith($"line {line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TabSeparatedConll_ReadsASpaceAsAToken()
    {
        // Issue 15 case 6: a space inside an entity, tab-separated.
        var doc = Read("hp.tsv", "哈\tB-HP\n利\tI-HP\n \tI-HP\n波\tI-HP\n特\tI-HP\n来\tO\n");

        Assert.Equal("哈利 波特来", Assert.Single(doc.Texts).Text);
        Assert.Equal([("哈利 波特", "HP")], Spans(doc.Texts[0]));
    }

    [Fact]
    public void Relations_AreCountedNotImported()
    {
        // Issue 15 case 12: doccano's relation shape and Label Studio relation results.
        var doccano = Read("rel.jsonl", """
            {"id": 1, "text": "张三任职于华为", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 2}, {"id": 2, "label": "ORG", "start_offset": 5, "end_offset": 7}], "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "works_for"}]}
            {"id": 2, "text": "李四", "entities": [], "relations": []}
            """);
        var labelStudio = Read("rel.json", """
            [{"data": {"text": "张三任职于华为"}, "annotations": [{"result": [
              {"id": "a", "type": "labels", "value": {"start": 0, "end": 2, "labels": ["PER"]}},
              {"id": "b", "type": "labels", "value": {"start": 5, "end": 7, "labels": ["ORG"]}},
              {"from_id": "a", "to_id": "b", "type": "relation", "direction": "right"},
              {"type": "choices", "value": {"choices": ["news"]}}]},
              {"result": []}], "predictions": [{"result": [{"type": "labels", "value": {"start": 0, "end": 1, "labels": ["X"]}}]}]}]
            """);

        Assert.Equal(1, doccano.Relations);
        Assert.Equal([("张三", "PER"), ("华为", "ORG")], Spans(doccano.Texts[0]));
        Assert.Equal(1, labelStudio.Relations);
        Assert.Equal(
            [new NotImported(NotImportedKind.Relations, 1), new NotImported(NotImportedKind.OtherAnnotations, 1), new NotImported(NotImportedKind.Predictions, 1), new NotImported(NotImportedKind.OtherResults, 1, "choices")],
            labelStudio.NotImported);
    }

    [Fact]
    public void LabelStudioResultsOfAnotherTypeThatMarkSpans_AreRefused()
    {
        var e = Refused("ls.json", """[{"data": {"text": "张三"}, "annotations": [{"result": [{"type": "hypertextlabels", "value": {"start": "/p[1]", "end": "/p[1]", "startOffset": 0, "endOffset": 2, "htmllabels": ["PER"]}}]}]}]""");

        Assert.Equal(AnnotationPlace.Task, e.Place);
        Assert.Contains("task 1: a result of type “hypertextlabels” marks spans", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.jsonl", "{\"sentence\": \"张三\", \"ner\": [[0, 2, \"PER\"]]}\n", "\"sentence\", \"ner\"")]
    [InlineData("x.json", "[{\"id\": 0, \"paragraphs\": []}]", "\"id\", \"paragraphs\"")]
    [InlineData("x.jsonl", "{\"text\": \"a\"}\n{\"words\": [\"b\"]}\n", "\"text\"")]
    public void UnknownJson_SaysWhichKeysItFound(string name, string content, string keys)
    {
        // Issue 15 case 13.
        var e = Refused(name, content);

        Assert.Contains("unknown format", e.Message, StringComparison.Ordinal);
        Assert.Contains($"its first record has the keys {keys}", e.Message, StringComparison.Ordinal);
    }
}
