using System.Security.Cryptography;
using System.Text.Json;
using Workbench.Core.Export;
using static Workbench.Core.Tests.Export.ExportFixtures;

namespace Workbench.Core.Tests.Export;

public class ExporterTests
{
    private static ExportOptions Split(string format, string seed, DateTimeOffset? now = null) => new(format)
    {
        Split = SplitRatios.Parse("80/10/10"),
        Seed = seed,
        Project = "test",
        Filters = new Dictionary<string, string> { ["status"] = "approved" },
        ToolVersion = "1.0-test",
        Clock = new FixedClock(now ?? new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
    };

    [Theory]
    [InlineData("ner-jsonl")]
    [InlineData("conll")]
    [InlineData("label-studio")]
    [InlineData("segmentation")]
    [InlineData("ocr-pairs")]
    public void TwoExportsAreByteIdenticalExceptCreatedAt(string format)
    {
        var (_, first) = Run(Many(200), Split(format, "s1"));
        var (_, second) = Run(Many(200), Split(format, "s1", DateTimeOffset.UnixEpoch));

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var name in first.Keys.Where(n => n != ExportManifest.FileName))
        {
            Assert.Equal(first[name], second[name]);
        }

        var manifests = new[] { first, second }.Select(f => Utf8(f[ExportManifest.FileName]).Split('\n')).ToList();
        Assert.Equal(
            manifests[0].Where(l => !l.Contains("createdAt", StringComparison.Ordinal)),
            manifests[1].Where(l => !l.Contains("createdAt", StringComparison.Ordinal)));
        Assert.NotEqual(manifests[0], manifests[1]);
    }

    [Fact]
    public void ChangingTheSeedChangesOnlyTheSplit()
    {
        var (_, a) = Run(Many(300), Split(ExportFormats.NerJsonl, "one"));
        var (_, b) = Run(Many(300), Split(ExportFormats.NerJsonl, "two"));

        var recordsA = Records(a);
        var recordsB = Records(b);
        Assert.Equal(recordsA.Keys.Order(), recordsB.Keys.Order());
        Assert.All(recordsA.Keys, id => Assert.Equal(recordsA[id].WithoutSplit, recordsB[id].WithoutSplit));
        Assert.Contains(recordsA.Keys, id => recordsA[id].Split != recordsB[id].Split);
        Assert.All(recordsA.Values, r => Assert.Contains(r.Split, new[] { "train", "dev", "test" }));
    }

    [Fact]
    public void SplitsFollowTheRatiosAndEveryFileIsCreated()
    {
        var (manifest, files) = Run(Many(3000), Split(ExportFormats.NerJsonl, "seed"));

        Assert.Equal(["dev.jsonl", "manifest.json", "test.jsonl", "train.jsonl"], files.Keys.Order());
        var counts = manifest.Splits.ToDictionary(s => s.Name, s => s.Articles);
        Assert.Equal(3000, counts.Values.Sum());
        Assert.InRange(counts["train"], 2250, 2550);
        Assert.InRange(counts["dev"], 220, 380);
        Assert.InRange(counts["test"], 220, 380);
        Assert.Equal(counts["train"], JsonLines(files["train.jsonl"]).Count);

        var (_, empty) = Run([], Split(ExportFormats.LabelStudio, "seed"));
        Assert.Equal("[]\n", Utf8(empty["train.json"]));
    }

    [Fact]
    public void SplitAssignerIsAFunctionOfSeedAndId()
    {
        var ratios = SplitRatios.Parse("80/10/10");
        var one = new SplitAssigner(ratios, "x");
        var two = new SplitAssigner(ratios, "x");

        Assert.All(Enumerable.Range(0, 100).Select(i => $"id{i}"), id => Assert.Equal(one.Assign(id), two.Assign(id)));
        Assert.Equal(SplitAssigner.NoSplit, new SplitAssigner(null, "x").Assign("id"));
        Assert.Null(SplitRatios.Parse("none"));
        Assert.Equal(["train", "test"], SplitRatios.Parse("90/10")!.Parts.Select(p => p.Name));
        Assert.Equal(["a", "b"], SplitRatios.Parse("a=1,b=3")!.Parts.Select(p => p.Name));
    }

    [Fact]
    public void ManifestRecordsCountsFilesAndHashes()
    {
        var (manifest, files) = Run(Sample(), new ExportOptions(ExportFormats.NerJsonl) { Project = "p", ToolVersion = "t" });

        var file = Assert.Single(manifest.Files);
        Assert.Equal("ner.jsonl", file.Name);
        Assert.Equal(files["ner.jsonl"].Length, file.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(files["ner.jsonl"])), file.Sha256);
        Assert.Equal(new Dictionary<string, int> { ["LOC"] = 3, ["ORG"] = 2, ["PER"] = 3 }, manifest.Labels);

        var json = JsonDocument.Parse(files[ExportManifest.FileName]).RootElement;
        Assert.Equal(
            ["format", "toolVersion", "project", "filters", "split", "counts", "dropped", "untouched", "files", "createdAt"],
            json.EnumerateObject().Select(p => p.Name));
        // Articles nobody changed are listed by id (read-and-confirmed gold and untouched machine output can be told apart).
        Assert.Equal(json.GetProperty("counts").GetProperty("untouched").GetInt32(), json.GetProperty("untouched").GetArrayLength());
        Assert.Equal(manifest.Untouched, json.GetProperty("untouched").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal("none", json.GetProperty("split").GetProperty("ratios").GetString());
        Assert.Equal(4, json.GetProperty("counts").GetProperty("splits").GetProperty("all").GetProperty("articles").GetInt32());
        Assert.Equal(file.Sha256, json.GetProperty("files")[0].GetProperty("sha256").GetString());
        Assert.DoesNotContain("\r", Utf8(files[ExportManifest.FileName]), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFormatIsRefusedBeforeAnythingIsOpened()
    {
        var opened = 0;
        Assert.Throws<ArgumentException>(() => Exporter.Run(Sample(), new ExportOptions("xml"), _ =>
        {
            opened++;
            return new MemoryStream();
        }));
        Assert.Equal(0, opened);
    }

    [Fact]
    public void ArticlesAreEnumeratedOnceAndLazily()
    {
        var enumerated = 0;
        IEnumerable<ExportArticle> Counted()
        {
            foreach (var article in Many(10))
            {
                enumerated++;
                yield return article;
            }
        }

        Run(Counted(), new ExportOptions(ExportFormats.Conll));

        Assert.Equal(10, enumerated);
    }

    private static Dictionary<string, (string Split, string WithoutSplit)> Records(Dictionary<string, byte[]> files) =>
        files.Where(f => f.Key != ExportManifest.FileName)
            .SelectMany(f => Utf8(f.Value).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(
                r => r.GetProperty("id").GetString()!,
                r => (r.GetProperty("split").GetString()!, string.Join(",", r.EnumerateObject().Where(p => p.Name != "split").Select(p => p.ToString()))));
}
