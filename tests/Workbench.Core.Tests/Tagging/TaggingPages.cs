using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Core.Tagging;
using Workbench.Core.Tests.Editing;

namespace Workbench.Core.Tests.Tagging;

internal static class TaggingPages
{
    public static readonly IReadOnlySet<string> NoneRejected = new HashSet<string>();

    /// <summary>Suggestions for article 1 of a one-article page holding <paramref name="lines"/>.</summary>
    public static IReadOnlyList<SuggestionCandidate> Suggest(SuggestionSources sources, params string[] lines) =>
        Suggester.Suggest(PageBuilder.WithLines(lines), 1, sources, NoneRejected);

    public static SuggestionSources RulesOnly => SuggestionSources.Defaults;

    public static SuggestionSources With(params (string Text, string Label)[] gazetteer) =>
        new(LabelDefinition.Defaults, Gazetteer.Build(gazetteer), BuiltInRules: false);

    public static PageState Seed(string fileName)
    {
        var page = PageReader.Read(fileName, File.ReadAllBytes(RepoPaths.Seed(fileName)));
        return PageStates.FromSegmentation(Segmenter.Segment(page));
    }
}
