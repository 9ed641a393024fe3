using System.Text.Json;
using Workbench.Core.Export;
using static Workbench.Core.Tests.Export.ExportFixtures;

namespace Workbench.Core.Tests.Export;

public class NerJsonlTests
{
    [Fact]
    public void OffsetsAreCodePointsOfTheText()
    {
        var (_, files) = Run(Sample().Take(1), new ExportOptions(ExportFormats.NerJsonl));

        var record = Assert.Single(JsonLines(files["ner.jsonl"]));
        var text = record.GetProperty("text").GetString()!;
        var codePoints = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var entities = record.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(3, entities.Count);
        foreach (var entity in entities)
        {
            var start = entity.GetProperty("start").GetInt32();
            var end = entity.GetProperty("end").GetInt32();
            Assert.Equal(entity.GetProperty("text").GetString(), string.Concat(codePoints[start..end]));
        }

        // 𠀀 is one code point but two UTF-16 units: 徐振朋 starts at 1, 张三 after 😀 at 16.
        Assert.Equal(1, entities[0].GetProperty("start").GetInt32());
        Assert.Equal(16, entities[2].GetProperty("start").GetInt32());
        Assert.Equal(18, entities[2].GetProperty("end").GetInt32());
    }

    [Fact]
    public void RecordHasTheContractShapeInAFixedOrder()
    {
        var (_, files) = Run(Sample().Skip(2).Take(1), new ExportOptions(ExportFormats.NerJsonl));

        var line = Utf8(files["ner.jsonl"]);
        Assert.Equal(
            """{"id":"p2-a1","page":{"source":"1998-01-01_p2.txt","publication":"人民日报","date":"1998-01-01","number":2},"title":"标题 p2-a1","text":"新华社北京电","entities":[{"start":0,"end":3,"label":"ORG","text":"新华社","source":"manual"},{"start":3,"end":5,"label":"LOC","text":"北京","source":"manual"}],"split":"all","status":"approved","annotators":["ann1"],"reviewer":"rev1"}""" + "\n",
            line);
        Assert.False(files["ner.jsonl"].AsSpan().StartsWith("\uFEFF"u8));
    }

    [Fact]
    public void NerJsonlInThenOutGivesTheSameTextsAndEntities()
    {
        var (_, files) = Run(Sample(), new ExportOptions(ExportFormats.NerJsonl));

        var imported = AnnotationImport.Read("ner.jsonl", files["ner.jsonl"]);
        Assert.Equal(Sample().Select(a => a.Text), imported.Texts.Select(t => t.Text));
        Assert.Equal(
            Sample().Select(a => a.Entities.Select(e => (e.Start, e.End, e.Label)).Order()),
            imported.Texts.Select(t => t.Spans.Select(s => (s.Start, s.End, s.Label)).Order()),
            new SequenceComparer());

        var (_, again) = Run(ExportArticles.FromImported(imported), new ExportOptions(ExportFormats.NerJsonl));
        var first = JsonLines(files["ner.jsonl"]);
        var second = JsonLines(again["ner.jsonl"]);
        Assert.Equal(first.Select(r => r.GetProperty("text").GetString()), second.Select(r => r.GetProperty("text").GetString()));
        Assert.Equal(
            first.Select(r => r.GetProperty("entities").GetRawText().Replace("\"manual\"", "\"imported\"", StringComparison.Ordinal)),
            second.Select(r => r.GetProperty("entities").GetRawText()));
    }

    [Fact]
    public void NonBmpCharactersRoundTripThroughTheJsonEscapes()
    {
        var (_, files) = Run(Sample().Take(1), new ExportOptions(ExportFormats.NerJsonl));

        var text = JsonLines(files["ner.jsonl"])[0].GetProperty("text").GetString();
        Assert.Equal(Sample()[0].Text, text);
        Assert.Contains("徐振朋", Utf8(files["ner.jsonl"]), StringComparison.Ordinal); // CJK is not escaped
    }

    private sealed class SequenceComparer : IEqualityComparer<IEnumerable<(int, int, string)>>
    {
        public bool Equals(IEnumerable<(int, int, string)>? x, IEnumerable<(int, int, string)>? y) => x!.SequenceEqual(y!);

        public int GetHashCode(IEnumerable<(int, int, string)> obj) => 0;
    }
}
