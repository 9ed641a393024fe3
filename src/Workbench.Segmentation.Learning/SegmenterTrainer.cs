using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Segmentation.Learning;

/// <summary>A page to learn from: the page as read and its right segmentation (corpus gold, or a project's approved articles).</summary>
/// <param name="RolesKnown">Whether the gold's roles are worth learning (false for gold that only says where articles are).</param>
public sealed record TrainingPage(SourcePage Page, PageSegmentation Gold, bool RolesKnown = true);

/// <summary>
/// Trains a <see cref="LearnedSegmenter"/> with ML.NET. Deterministic for a seed (single-threaded learners, fixed fold assignment).
/// <list type="number">
/// <item>Line examples: the rules' segmentation of each page, its features (<see cref="SegmentationFeatures.Lines"/>), labelled from the gold
/// (<see cref="Refinement.Labels"/>).</item>
/// <item>Boundary: FastTree binary classification, Platt-calibrated. Role: LightGBM multiclass on the gold roles.</item>
/// <item>Confidence: the pages are cut into folds; a boundary model trained without a fold refines that fold's pages, and each resulting
/// article (labelled: exactly a gold article or not) is an example for a small FastTree whose calibrated probability becomes the article's
/// confidence. Out-of-fold outputs keep it honest: in-sample boundaries would look surer than they are on new pages.</item>
/// </list>
/// </summary>
public static class SegmenterTrainer
{
    private const int Folds = 3;

    public static LearnedSegmenter Train(IReadOnlyList<TrainingPage> pages, int seed = 1, string source = "corpus", double mergeBelow = 0.5, double splitAbove = 0.5)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0)
        {
            throw new ArgumentException("No pages to train on.", nameof(pages));
        }

        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: seed);
        var prepared = pages.Select(p => Prepare(p)).ToList();
        var allLines = prepared.SelectMany(p => p.Examples).ToList();
        var boundary = TrainBoundary(ml, allLines, seed);
        var roleExamples = prepared.Where((_, i) => pages[i].RolesKnown).SelectMany(p => p.Examples).ToList();
        var role = TrainRole(ml, roleExamples, seed);

        ITransformer? confidence = null;
        var articleExamples = new List<ArticleExample>();
        if (prepared.Count >= Folds)
        {
            for (var fold = 0; fold < Folds; fold++)
            {
                var training = prepared.Where((_, i) => i % Folds != fold).SelectMany(p => p.Examples).ToList();
                if (!training.Any(e => e.Label) || training.All(e => e.Label))
                {
                    continue;
                }

                var foldModel = new LearnedSegmenter(ml, TrainBoundary(ml, training, seed), role, null, new ModelInfo(seed, 0, 0, 0, source) { MergeBelow = mergeBelow, SplitAbove = splitAbove });
                foreach (var page in prepared.Where((_, i) => i % Folds == fold))
                {
                    var (probabilities, roles) = foldModel.PredictLines(page.Rows);
                    var refined = Refinement.Apply(page.Rules, probabilities, roles, mergeBelow, splitAbove);
                    var gold = GoldSets(page.Gold);
                    var placed = Placed(page.Gold);
                    foreach (var row in SegmentationFeatures.Articles(refined, page.Rules, probabilities))
                    {
                        var lines = Scored(refined.Articles[row.Article], page.Gold.Page, placed);
                        articleExamples.Add(new ArticleExample { Features = row.Values, Label = lines.Length > 0 && gold.Contains(lines) });
                    }
                }
            }
        }

        if (articleExamples.Any(e => e.Label) && articleExamples.Any(e => !e.Label))
        {
            var data = ml.Data.LoadFromEnumerable(articleExamples);
            confidence = FastTree(ml, trees: 40, leaves: 8, minimumPerLeaf: Math.Clamp(articleExamples.Count / 40, 3, 20), learningRate: 0.1, seed).Fit(data);
        }

        var info = new ModelInfo(seed, pages.Count, allLines.Count, pages.Sum(p => p.Gold.Articles.Count), source)
        {
            TrainingMilliseconds = clock.ElapsedMilliseconds,
            MergeBelow = mergeBelow,
            SplitAbove = splitAbove,
            RolesForLayout = roleExamples.Any(e => e.Features[SegmentationFeatures.HasLayoutIndex] > 0),
            RolesForText = roleExamples.Any(e => e.Features[SegmentationFeatures.HasLayoutIndex] == 0),
        };
        return new LearnedSegmenter(ml, boundary, role, confidence, info);
    }

    private sealed record Prepared(PageSegmentation Rules, IReadOnlyList<LineFeatureRow> Rows, List<LineExample> Examples, PageSegmentation Gold);

    private static Prepared Prepare(TrainingPage page)
    {
        var rules = Segmenter.Segment(page.Page);
        var rows = SegmentationFeatures.Lines(rules);
        var labels = Refinement.Labels(page.Gold);
        var examples = new List<LineExample>(rows.Count);
        foreach (var row in rows)
        {
            // Lines the gold does not place (noise, unclaimed) teach nothing.
            if (labels.TryGetValue(row.Line, out var label))
            {
                examples.Add(new LineExample { Features = row.Values, Label = label.Starts, Role = label.Role.Name() });
            }
        }

        return new Prepared(rules, rows, examples, page.Gold);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "ITransformer is what ML.NET saves and loads; the concrete transformer type is the trainer's detail.")]
    private static ITransformer TrainBoundary(MLContext ml, List<LineExample> examples, int seed)
    {
        // 200 trees, not 100: once the layout rules cut Chinese pages into fewer pieces, 100 trees left the Latin pages 0.005 lower
        // on held-out dev pages (both 1-mod-4 / 3-mod-4 folds); 200 gave it back at no loss for Chinese.
        var data = ml.Data.LoadFromEnumerable(examples);
        return FastTree(ml, trees: 200, leaves: 24, minimumPerLeaf: Math.Clamp(examples.Count / 500, 2, 20), learningRate: 0.15, seed).Fit(data);
    }

    /// <summary>A single-threaded, seeded FastTree binary classifier over "Features" and "Label" (deterministic for the seed).</summary>
    private static FastTreeBinaryTrainer FastTree(MLContext ml, int trees, int leaves, int minimumPerLeaf, double learningRate, int seed) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = trees,
            NumberOfLeaves = leaves,
            MinimumExampleCountPerLeaf = minimumPerLeaf,
            LearningRate = learningRate,
            FeatureColumnName = "Features",
            LabelColumnName = "Label",
            NumberOfThreads = 1,
            Seed = seed,
        });

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "ITransformer is what ML.NET saves and loads; the concrete transformer chain type is the pipeline's detail.")]
    private static ITransformer? TrainRole(MLContext ml, List<LineExample> examples, int seed)
    {
        if (examples.Count < 20 || examples.Select(e => e.Role).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return null;
        }

        var data = ml.Data.LoadFromEnumerable(examples);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(LineExample.Role))
            .Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                // Ten classes make ten trees an iteration: kept small so a 800-line page is still read at tens of pages a second.
                NumberOfIterations = 40,
                NumberOfLeaves = 16,
                MinimumExampleCountPerLeaf = Math.Clamp(examples.Count / 500, 2, 20),
                LearningRate = 0.15,
                FeatureColumnName = "Features",
                LabelColumnName = "Label",
                NumberOfThreads = 1,
                Seed = seed,
                Silent = true,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedRole", "PredictedLabel"));
        return pipeline.Fit(data);
    }

    private static HashSet<string> GoldSets(PageSegmentation gold)
    {
        var placed = Placed(gold);
        return gold.Articles.Select(a => Scored(a, gold.Page, placed)).Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The non-blank lines the gold puts in an article (the only ones scored).</summary>
    internal static HashSet<int> Placed(PageSegmentation gold) =>
        gold.Articles.SelectMany(SegmentationFeatures.Numbers).Where(n => n >= 1 && n <= gold.Page.Lines.Count && !gold.Page.Line(n).IsBlank).ToHashSet();

    /// <summary>An article's scored lines as a key.</summary>
    internal static string Scored(SegmentArticle article, SourcePage page, HashSet<int> placed) =>
        string.Join(',', SegmentationFeatures.Numbers(article).Where(n => n >= 1 && n <= page.Lines.Count && placed.Contains(n)).Distinct().Order());
}
