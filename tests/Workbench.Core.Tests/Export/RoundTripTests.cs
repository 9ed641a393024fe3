using Workbench.Core.Export;
using static Workbench.Core.Tests.Export.ExportFixtures;

namespace Workbench.Core.Tests.Export;

/// <summary>Random articles (CJK, Latin, spaces, CRLF, characters outside the BMP) through every writer and back.</summary>
public class RoundTripTests
{
    private static readonly string[] Pool = ["徐", "振", "朋", "𠀀", "😀", "a", "Z", " ", "\r\n", "。", "！", "”", "京", "𪚥", "1"];

    private static List<ExportArticle> RandomArticles(int seed, int count)
    {
        var random = new Random(seed);
        var articles = new List<ExportArticle>();
        for (var n = 0; n < count; n++)
        {
            var pieces = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Pool[random.Next(Pool.Length)]).ToList();
            var text = string.Concat(pieces);
            var starts = new List<int> { 0 };
            foreach (var piece in pieces)
            {
                starts.Add(starts[^1] + piece.Length);
            }

            // Non-overlapping entities on piece boundaries that start and end on a non-whitespace piece.
            var entities = new List<ExportEntity>();
            var i = 0;
            while (i < pieces.Count)
            {
                var length = random.Next(1, 4);
                if (random.Next(3) == 0 && i + length <= pieces.Count
                    && !string.IsNullOrWhiteSpace(pieces[i]) && !string.IsNullOrWhiteSpace(pieces[i + length - 1]))
                {
                    var (start, end) = (starts[i], starts[i + length]);
                    entities.Add(new ExportEntity(start, end, random.Next(2) == 0 ? "PER" : "LOC", text[start..end], "manual"));
                    i += length;
                }
                else
                {
                    i++;
                }
            }

            articles.Add(new ExportArticle($"r{n}", Page1, "", text, entities, "approved", [], null));
        }

        return articles;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NerJsonlAndLabelStudioGiveBackTheSameTextsAndSpans(int seed)
    {
        var articles = RandomArticles(seed, 100);
        var expected = articles.Select(a => (a.Text, string.Join(";", a.Entities.Select(e => $"{e.Start},{e.End},{e.Label}")))).ToList();

        foreach (var (format, file) in new[] { (ExportFormats.NerJsonl, "ner.jsonl"), (ExportFormats.LabelStudio, "label-studio.json") })
        {
            var (_, files) = Run(articles, new ExportOptions(format));
            var doc = AnnotationImport.Read(file, files[file]);
            Assert.Equal(expected, doc.Texts.Select(t => (t.Text, string.Join(";", t.Spans.Select(s => $"{s.Start},{s.End},{s.Label}")))));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ConllGivesBackTheSameCharactersAndEntities(int seed)
    {
        var articles = RandomArticles(seed, 100);

        var (manifest, files) = Run(articles, new ExportOptions(ExportFormats.Conll));
        var doc = AnnotationImport.Read("ner.conll", files["ner.conll"]);

        Assert.Empty(manifest.Dropped);
        static string NoSpace(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));
        Assert.Equal(string.Concat(articles.Select(a => NoSpace(a.Text))), string.Concat(doc.Texts.Select(t => t.Text)));
        Assert.Equal(
            articles.SelectMany(a => a.Entities.Select(e => (NoSpace(e.Text), e.Label))),
            doc.Texts.SelectMany(t => t.Spans.Select(s => (t.Text[s.Start..s.End], s.Label))));
    }
}
