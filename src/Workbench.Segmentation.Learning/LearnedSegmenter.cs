using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Segmentation.Learning;

/// <summary>What a model was trained on and when. Stored in the model file and beside a project's model.</summary>
public sealed record ModelInfo(int Seed, int Pages, int Lines, int Articles, string Source)
{
    /// <summary>The feature set the model was trained on; a model with another feature set is refused at load.</summary>
    public int FeatureCount { get; init; } = SegmentationFeatures.LineNames.Count;

    public long TrainingMilliseconds { get; init; }

    /// <summary>Whether the role model learnt from layout pages (with boxes) and from text pages; it is applied only to the kinds it saw.</summary>
    public bool RolesForLayout { get; init; } = true;

    public bool RolesForText { get; init; } = true;

    /// <summary>An article the rules open joins the one before it when the model gives its first line less than this.</summary>
    public double MergeBelow { get; init; } = 0.5;

    /// <summary>A line inside a rules article opens a new one when the model gives it at least this.</summary>
    public double SplitAbove { get; init; } = 0.5;
}

/// <summary>
/// The rules plus a learned layer (ML.NET FastTree and LightGBM): per line, "opens an article" (binary, calibrated) and its role
/// (multiclass), applied on top of the rules' segmentation by <see cref="Refinement"/>; per article, a calibrated probability that the
/// article is exactly right, which becomes its confidence. Thread-safe: prediction takes a lock per model.
/// </summary>
public sealed class LearnedSegmenter
{
    internal const string BoundaryEntry = "boundary.zip";
    internal const string RoleEntry = "role.zip";
    internal const string ConfidenceEntry = "confidence.zip";
    internal const string InfoEntry = "model.json";

    private static readonly Lazy<LearnedSegmenter?> BaseModel = new(LoadBase);

    private readonly MLContext ml;
    private readonly ITransformer boundary;
    private readonly ITransformer? role;
    private readonly ITransformer? confidence;
    private readonly Lock gate = new();

    // One prediction engine per model, made on first use and used under the gate (an engine is not thread-safe). A page
    // used to go through LoadFromEnumerable + Transform + GetColumn three times: the pipeline's set-up per call cost about
    // 40 ms a page, 30 times the rules' own time; an engine scores a line in microseconds with the same trees.
    private PredictionEngine<LineExample, BoundaryOutput>? boundaryEngine;
    private PredictionEngine<LineExample, RoleOutput>? roleEngine;
    private PredictionEngine<ArticleExample, BoundaryOutput>? confidenceEngine;

    internal LearnedSegmenter(MLContext ml, ITransformer boundary, ITransformer? role, ITransformer? confidence, ModelInfo info)
    {
        this.ml = ml;
        this.boundary = boundary;
        this.role = role;
        this.confidence = confidence;
        Info = info;
    }

    public ModelInfo Info { get; internal set; }

    /// <summary>The same model with other decision thresholds (for choosing them on development data).</summary>
    public LearnedSegmenter WithThresholds(double mergeBelow, double splitAbove) =>
        new(ml, boundary, role, confidence, Info with { MergeBelow = mergeBelow, SplitAbove = splitAbove });

    /// <summary>The base model shipped with the app (trained on the dev halves of the evaluation corpora), or null when it is not built in.</summary>
    public static LearnedSegmenter? Base => BaseModel.Value;

    public PageSegmentation Segment(SourcePage page) => Refine(Segmenter.Segment(page));

    /// <summary>The model's corrections to the rules' segmentation of a page.</summary>
    public PageSegmentation Refine(PageSegmentation rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var rows = SegmentationFeatures.Lines(rules);
        if (rows.Count == 0)
        {
            return rules;
        }

        // Only the prediction engines need the gate (PredictLines and Calibrate take it); the refinement between them is pure.
        // The role model runs only for the page kinds it learnt from (a base model's roles are for layout pages only).
        var layout = rows[0].Values[SegmentationFeatures.HasLayoutIndex] > 0;
        var (probabilities, roles) = PredictLines(rows, withRoles: layout ? Info.RolesForLayout : Info.RolesForText);
        var refined = Refinement.Apply(rules, probabilities, roles, Info.MergeBelow, Info.SplitAbove);
        return confidence is null ? refined : Calibrate(refined, rules, probabilities);
    }

    /// <summary>Per line: the probability it opens an article, and (when asked and the model has one) the model's role for it.</summary>
    internal (Dictionary<int, float> Boundary, Dictionary<int, BlockRole>? Roles) PredictLines(IReadOnlyList<LineFeatureRow> rows, bool withRoles = true)
    {
        lock (gate)
        {
            boundaryEngine ??= ml.Model.CreatePredictionEngine<LineExample, BoundaryOutput>(boundary);
            if (role is not null && withRoles)
            {
                roleEngine ??= ml.Model.CreatePredictionEngine<LineExample, RoleOutput>(role);
            }

            var roleScorer = withRoles ? roleEngine : null;
            var example = new LineExample();
            var scored = new BoundaryOutput();
            var named = new RoleOutput();
            var result = new Dictionary<int, float>(rows.Count);
            var roles = roleScorer is null ? null : new Dictionary<int, BlockRole>(rows.Count);
            foreach (var row in rows)
            {
                example.Features = row.Values;
                boundaryEngine.Predict(example, ref scored);
                result[row.Line] = scored.Probability;
                if (roleScorer is not null)
                {
                    roleScorer.Predict(example, ref named);
                    if (BlockRoles.TryParse(named.PredictedRole, out var r))
                    {
                        roles![row.Line] = r;
                    }
                }
            }

            return (result, roles);
        }
    }

    /// <summary>Each article's confidence becomes the calibrated probability that it is exactly right.</summary>
    internal PageSegmentation Calibrate(PageSegmentation refined, PageSegmentation rules, Dictionary<int, float> probabilities)
    {
        var rows = SegmentationFeatures.Articles(refined, rules, probabilities);
        if (rows.Count == 0 || confidence is null)
        {
            return refined;
        }

        float[] sure;
        lock (gate)
        {
            confidenceEngine ??= ml.Model.CreatePredictionEngine<ArticleExample, BoundaryOutput>(confidence);
            var example = new ArticleExample();
            var scored = new BoundaryOutput();
            sure = new float[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                example.Features = rows[i].Values;
                confidenceEngine.Predict(example, ref scored);
                sure[i] = scored.Probability;
            }
        }

        var articles = refined.Articles.Select((a, i) => a with { Confidence = Math.Round(Math.Clamp(sure[i], 0, 1), 3) }).ToList();
        var layout = refined.Page.Format is SourceFormat.Alto or SourceFormat.PageXml or SourceFormat.Hocr ? LayoutProfile.Of(refined.Page) : null;
        return refined with { Articles = Segmenter.Guard(articles, layout) };
    }

    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Write(zip, BoundaryEntry, s => ml.Model.Save(boundary, LineSchema(ml), s));
        if (role is not null)
        {
            Write(zip, RoleEntry, s => ml.Model.Save(role, LineSchema(ml), s));
        }

        if (confidence is not null)
        {
            Write(zip, ConfidenceEntry, s => ml.Model.Save(confidence, ArticleSchema(ml), s));
        }

        Write(zip, InfoEntry, s => JsonSerializer.Serialize(s, Info));
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        Save(stream);
        return stream.ToArray();
    }

    /// <summary>Reads a model written by <see cref="Save"/>. Throws <see cref="InvalidDataException"/> for anything else or another feature set.</summary>
    public static LearnedSegmenter Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var ml = new MLContext(seed: 1);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var info = Read(zip, InfoEntry, s => JsonSerializer.Deserialize<ModelInfo>(s)) ?? throw new InvalidDataException("The model file has no model.json.");
        if (info.FeatureCount != SegmentationFeatures.LineNames.Count)
        {
            throw new InvalidDataException($"The model was trained on {info.FeatureCount} line features; this version has {SegmentationFeatures.LineNames.Count}. Train it again.");
        }

        var boundary = Read(zip, BoundaryEntry, s => ml.Model.Load(s, out _)) ?? throw new InvalidDataException("The model file has no boundary model.");
        var role = Read(zip, RoleEntry, s => ml.Model.Load(s, out _));
        var confidence = Read(zip, ConfidenceEntry, s => ml.Model.Load(s, out _));
        return new LearnedSegmenter(ml, boundary, role, confidence, info);
    }

    public static LearnedSegmenter FromBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Load(stream);
    }

    private static LearnedSegmenter? LoadBase()
    {
        using var stream = typeof(LearnedSegmenter).Assembly.GetManifestResourceStream("Workbench.Segmentation.Learning.base-model.zip");
        return stream is null ? null : Load(stream);
    }

    internal static DataViewSchema LineSchema(MLContext ml) => ml.Data.LoadFromEnumerable(Array.Empty<LineExample>()).Schema;

    internal static DataViewSchema ArticleSchema(MLContext ml) => ml.Data.LoadFromEnumerable(Array.Empty<ArticleExample>()).Schema;

    private static void Write(ZipArchive zip, string name, Action<Stream> write)
    {
        // Fixed entry times keep two saves of the same model byte-identical.
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var buffer = new MemoryStream();
        write(buffer);
        using var target = entry.Open();
        buffer.Position = 0;
        buffer.CopyTo(target);
    }

    private static T? Read<T>(ZipArchive zip, string name, Func<Stream, T?> read)
        where T : class
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var source = entry.Open())
        {
            source.CopyTo(buffer);
        }

        buffer.Position = 0;
        return read(buffer);
    }
}

/// <summary>One line for ML.NET: its features, whether it opens an article, and its role's name.</summary>
internal sealed class LineExample
{
    public const int Size = 40;

    [VectorType(Size)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public string Role { get; set; } = "";
}

/// <summary>One article for ML.NET: its features and whether it is exactly a gold article.</summary>
internal sealed class ArticleExample
{
    public const int Size = 11;

    [VectorType(Size)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

/// <summary>What the boundary and confidence models give for one row: the calibrated probability of the positive class.</summary>
internal sealed class BoundaryOutput
{
    public float Probability { get; set; }
}

/// <summary>What the role model gives for one line: the role's name.</summary>
internal sealed class RoleOutput
{
    public string PredictedRole { get; set; } = "";
}
