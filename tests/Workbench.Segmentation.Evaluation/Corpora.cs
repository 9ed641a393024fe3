using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Segmentation.Evaluation;

/// <summary>A corpus half ready to score, or why it could not be loaded (<see cref="Skipped"/>: then <see cref="Pages"/> is empty).</summary>
public sealed record CorpusHalf(string Corpus, string Half, IReadOnlyList<EvaluationPage> Pages, string? Skipped = null)
{
    public string Name => $"{Corpus}/{Half}";
}

/// <summary>
/// Where the evaluation corpora are and how to load them. Layout, gold format and the dev/test rule: Corpus/README.md.
/// </summary>
public static class Corpora
{
    private static readonly string[] GoldSuffixes = [".gold.json", ".gold.json.gz"];

    public const string Dev = "dev";
    public const string Test = "test";

    /// <summary>The METS issues in the shared folder, by folder name (their repository is AGPL: used from there, never copied).</summary>
    public static readonly IReadOnlyList<string> SharedMetsIssues = ["alto-mets_rero2_BLB_18451228", "bnf-europeana-jdpl-1821"];

    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workbench.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    /// <summary>The committed corpus: <c>tests/Workbench.Segmentation.Evaluation/Corpus</c>.</summary>
    public static string CommittedRoot => Path.Combine(RepoRoot, "tests", "Workbench.Segmentation.Evaluation", "Corpus");

    /// <summary>Where the generator writes the full synthetic corpus (git-ignored): <c>artifacts/segmentation-corpus</c>.</summary>
    public static string GeneratedRoot => Path.Combine(RepoRoot, "artifacts", "segmentation-corpus");

    /// <summary>
    /// The shared OCR folder: <c>../shared/external/ocr</c> beside the repository (as CI lays it), else <c>/work/shared/external/ocr</c>; null when neither exists.
    /// </summary>
    public static string? SharedOcrFolder()
    {
        foreach (var candidate in new[] { Path.Combine(RepoRoot, "..", "shared", "external", "ocr"), "/work/shared/external/ocr" })
        {
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>
    /// Synthetic pages of one language ("zh" or "latin"), half and OCR format ("hocr" or "alto"): from the generated corpus
    /// when <paramref name="generated"/> and it exists, else the committed sample.
    /// </summary>
    public static CorpusHalf Synthetic(string language, string half, string format, bool generated = false)
    {
        var corpus = $"synthetic-{language}";
        var generatedFolder = Path.Combine(GeneratedRoot, corpus, half);
        var folder = generated && Directory.Exists(generatedFolder) ? generatedFolder : Path.Combine(CommittedRoot, corpus, half);
        var suffix = format == "alto" ? ".alto.xml" : ".hocr";
        var pages = new List<EvaluationPage>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder).Where(f => f.EndsWith(suffix, StringComparison.Ordinal) || f.EndsWith(suffix + ".gz", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file).EndsWith(".gz", StringComparison.Ordinal) ? Path.GetFileName(file)[..^3] : Path.GetFileName(file);
                var goldPath = GoldSuffixes.Select(g => Path.Combine(folder, name + g)).FirstOrDefault(File.Exists);
                if (goldPath is null)
                {
                    continue; // a page whose generation was interrupted
                }

                var page = PageReader.Read(name, ReadMaybeGzipped(file));
                pages.Add(new EvaluationPage($"{corpus}/{half}/{name}", page, GoldPage.Parse(System.Text.Encoding.UTF8.GetString(ReadMaybeGzipped(goldPath)), goldPath)));
            }
        }

        return new CorpusHalf($"{corpus}-{format}", half, pages, pages.Count == 0 ? $"no pages in {folder}" : null);
    }

    /// <summary>A file's bytes; a name ending in <c>.gz</c> is gunzipped (the committed sample is stored gzipped).</summary>
    public static byte[] ReadMaybeGzipped(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(path);
        }

        using var input = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>The METS+ALTO issues written for this corpus (Corpus/mets-fixtures/{half}/{issue}/): gold = the articles the METS declares.</summary>
    public static CorpusHalf MetsFixtures(string half)
    {
        var folder = Path.Combine(CommittedRoot, "mets-fixtures", half);
        var pages = Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Order(StringComparer.Ordinal).SelectMany(issue => MetsIssuePages(issue, "mets-fixtures/" + half, _ => true)).ToList()
            : [];
        return new CorpusHalf("mets-fixtures", half, pages, pages.Count == 0 ? $"no issues in {folder}" : null);
    }

    /// <summary>
    /// The shared METS issues (<see cref="SharedMetsIssues"/>), segmented as if the METS were absent. Half rule, fixed before any
    /// rule was written: odd page numbers (METS physical order, 1-based) are dev, even ones test. Skipped, naming the folder,
    /// when the shared folder is absent.
    /// </summary>
    public static CorpusHalf SharedMets(string half)
    {
        var shared = SharedOcrFolder();
        if (shared is null)
        {
            return new CorpusHalf("mets-shared", half, [], $"skipped: the METS corpus needs the shared OCR folder ({Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "external", "ocr"))} or /work/shared/external/ocr), which is absent");
        }

        var pages = new List<EvaluationPage>();
        foreach (var issue in SharedMetsIssues)
        {
            var folder = Path.Combine(shared, issue);
            if (!Directory.Exists(folder))
            {
                return new CorpusHalf("mets-shared", half, [], $"skipped: {folder} is absent");
            }

            pages.AddRange(MetsIssuePages(folder, "mets-shared/" + issue, order => order % 2 == (half == Dev ? 1 : 0)));
        }

        return new CorpusHalf("mets-shared", half, pages);
    }

    /// <summary>The hand gold of the sample text pages in data/seeds (the rules were written on them: reported, not the measure).</summary>
    public static CorpusHalf HandGold()
    {
        var folder = Path.Combine(RepoRoot, "tests", "Workbench.Core.Tests", "Segmentation", "Gold");
        var pages = new List<EvaluationPage>();
        foreach (var goldPath in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var seed = Path.GetFileName(goldPath)[..^".json".Length];
            var page = PageReader.Read(seed, File.ReadAllBytes(Path.Combine(RepoRoot, "data", "seeds", seed)));
            pages.Add(new EvaluationPage("hand-gold/" + seed, page, GoldPage.Read(goldPath)));
        }

        return new CorpusHalf("hand-gold", Dev, pages);
    }

    /// <summary>
    /// The ALTO pages of the METS issue in <paramref name="issueFolder"/> whose 1-based order <paramref name="take"/> accepts, each
    /// read without its METS, with the METS's own articles as gold: lines of each declared article on that page (heading parts
    /// as role "headline", the rest "body"); lines the METS gives to no article are not scored.
    /// </summary>
    public static IEnumerable<EvaluationPage> MetsIssuePages(string issueFolder, string name, Func<int, bool> take)
    {
        var metsPath = Directory.GetFiles(issueFolder, "*.xml").Order(StringComparer.Ordinal)
            .FirstOrDefault(f => Path.GetFileName(f).Contains("mets", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"no METS file (*mets*.xml) in {issueFolder}");
        var issue = MetsReader.Read(Path.GetFileName(metsPath), File.ReadAllBytes(metsPath));
        var pages = issue.Pages.ToDictionary(
            p => p.FileId,
            p => AltoReader.ReadWithIds(Path.GetFileName(p.RelativePath), File.ReadAllBytes(Path.Combine(issueFolder, p.RelativePath))),
            StringComparer.Ordinal);
        var declared = MetsReader.Segment(issue, pages);
        foreach (var pageRef in issue.Pages.Where(p => take(p.Order)))
        {
            var page = pages[pageRef.FileId].Page;
            var articles = declared[pageRef.FileId].Articles
                .Where(a => a.ExternalId is not null)
                .Select(a => new GoldArticle(a.ExternalId!, null, a.Blocks
                    .SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1).Select(n => (Number: n, b.Role)))
                    .Where(l => !page.Line(l.Number).IsBlank)
                    .Select(l => new GoldLine(GoldLineKey.OfNumber(l.Number), l.Role == BlockRole.Headline ? "headline" : "body"))
                    .ToList()))
                .ToList();
            yield return new EvaluationPage($"{name}/{pageRef.RelativePath}", page, new GoldPage(pageRef.RelativePath, articles));
        }
    }
}
