using Workbench.Core.Segmentation;

namespace Workbench.Segmentation.Evaluation;

/// <summary>A named way to segment a page, as the benchmark and the corpus tests report it.</summary>
public sealed record SegmenterVariant(string Name, PageSegmenter Segment);

/// <summary>
/// The segmenters the benchmark and the corpus tests compare. To add one (e.g. rules + a trained model), add a
/// <see cref="SegmenterVariant"/> to <see cref="All"/> whose delegate segments a page the way the app would, e.g.
/// <c>new("rules+model", page =&gt; Segmenter.Segment(page, model))</c>; everything else picks it up by name.
/// </summary>
public static class SegmenterVariants
{
    /// <summary>The rules alone: today's <see cref="Segmenter.Segment"/>.</summary>
    public static readonly SegmenterVariant Rules = new("rules", Segmenter.Segment);

    /// <summary>The rules with the shipped base model on top (trained on the dev halves only); absent when the model is not built in.</summary>
    public static readonly SegmenterVariant? RulesAndModel =
        Learning.LearnedSegmenter.Base is { } model ? new("rules+model", model.Segment) : null;

    public static IReadOnlyList<SegmenterVariant> All { get; } = RulesAndModel is null ? [Rules] : [Rules, RulesAndModel];
}
