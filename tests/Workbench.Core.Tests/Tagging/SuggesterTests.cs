using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Core.Tagging;
using Workbench.Core.Tests.Editing;

namespace Workbench.Core.Tests.Tagging;

public class SuggesterTests
{
    [Fact]
    public void Suggest_GazetteerWinsOverAnOverlappingRule()
    {
        var sources = new SuggestionSources(LabelDefinition.Defaults, Gazetteer.Build([("包头", "LOC")]));

        var suggestions = TaggingPages.Suggest(sources, "包头铁道职业技术学院坚持以");

        var only = Assert.Single(suggestions);
        Assert.Equal(("LOC", "包头", EntitySource.Gazetteer), (only.Label, only.Text, only.Source));
    }

    [Fact]
    public void Suggest_AmongRules_LongestWins()
    {
        var sources = SuggestionSources.Defaults with { Patterns = [new PatternRule("LOC", "乌兰察布市?")] };

        var suggestions = TaggingPages.Suggest(sources, "由乌兰察布市农林科学研究所主办");

        Assert.Equal(["ORG"], suggestions.Select(s => s.Label));
    }

    [Fact]
    public void Suggest_RejectedSuggestion_DoesNotComeBack()
    {
        var state = PageBuilder.WithLines("准格尔旗交通运输局联合", "2023年7月11日");
        var first = Suggester.Suggest(state, 1, SuggestionSources.Defaults, TaggingPages.NoneRejected);
        Assert.Equal(2, first.Count);

        var rejected = new HashSet<string> { first[0].RejectionKey };
        var second = Suggester.Suggest(state, 1, SuggestionSources.Defaults, rejected);

        Assert.Equal(["2023年7月11日"], second.Select(s => s.Text));
        Assert.Equal("ORG|1:0|1:9|准格尔旗交通运输局", first[0].RejectionKey);
    }

    [Fact]
    public void Suggest_RejectedGazetteerMatch_LetsTheRuleItHidSurface()
    {
        var sources = new SuggestionSources(LabelDefinition.Defaults, Gazetteer.Build([("包头", "LOC")]));
        var rejected = new HashSet<string> { Suggester.RejectionKey("LOC", new Anchor(1, 0), new Anchor(1, 2), "包头") };

        var suggestion = Assert.Single(Suggester.Suggest(PageBuilder.WithLines("包头铁道职业技术学院坚持以"), 1, sources, rejected));

        Assert.Equal("包头铁道职业技术学院", suggestion.Text);
    }

    [Fact]
    public void Suggest_RejectEverywhereKey_DropsTheTextAtEveryPlace()
    {
        var sources = TaggingPages.With(("乌兰察布", "LOC"));
        var rejected = new HashSet<string> { Suggester.RejectEverywhereKey("LOC", "乌兰\n察布") };

        Assert.Empty(Suggester.Suggest(PageBuilder.WithLines("乌兰察布和乌兰", "察布"), 1, sources, rejected));
    }

    [Fact]
    public void Suggest_RetiredLabel_IsNotSuggested()
    {
        var labels = LabelDefinition.Defaults.Select(l => l.Name is "DATE" or "LOC" ? l with { Retired = true } : l).ToList();
        var sources = new SuggestionSources(labels, Gazetteer.Build([("包头", "LOC"), ("徐振朋", "PER")]));

        var suggestions = TaggingPages.Suggest(sources, "2023年7月11日徐振朋在包头");

        Assert.Equal(["PER"], suggestions.Select(s => s.Label));
    }

    [Fact]
    public void Suggest_UnknownLabelInGazetteerOrPattern_IsNotSuggested()
    {
        var sources = new SuggestionSources(LabelDefinition.Defaults, Gazetteer.Build([("包头", "CITY")]), [new PatternRule("MISC", "会议")]);

        Assert.Empty(TaggingPages.Suggest(sources, "包头会议"));
    }

    [Fact]
    public void Suggest_ExistingEntityWithSameLabelAndRange_IsNotSuggestedAgain()
    {
        var state = PageBuilder.WithLines("2023年7月11日，2023年7月11日").Tag("DATE", 1, "2023年7月11日");

        var suggestion = Assert.Single(Suggester.Suggest(state, 1, SuggestionSources.Defaults, TaggingPages.NoneRejected));

        Assert.Equal(new Anchor(1, 11), suggestion.Start);
    }

    [Fact]
    public void Suggest_OnlyTheArticlesLines()
    {
        var state = PageBuilder.Build(
            ["2023年7月11日", "2024年"],
            [(BlockRole.Body, 1, 1)],
            [(BlockRole.Body, 2, 2)]);

        Assert.Equal(["2024年"], Suggester.Suggest(state, 2, SuggestionSources.Defaults, TaggingPages.NoneRejected).Select(s => s.Text));
        Assert.Empty(Suggester.Suggest(state, 3, SuggestionSources.Defaults, TaggingPages.NoneRejected));
    }

    [Fact]
    public void Suggest_ApprovedArticle_GetsNoSuggestions()
    {
        var state = PageBuilder.WithLines("2023年7月11日").Approve(1);

        Assert.Empty(Suggester.Suggest(state, 1, SuggestionSources.Defaults, TaggingPages.NoneRejected));
    }

    [Fact]
    public void Suggest_EverySuggestionIsAcceptedByPageEditor()
    {
        var state = PageBuilder.Sample();
        var sources = new SuggestionSources(LabelDefinition.Defaults, Gazetteer.Build([("徐振朋", "PER"), ("乌兰察布市", "LOC"), ("𠀀要", "MISC")]), [new PatternRule("LOC", "fox")]);

        var suggestions = Suggester.Suggest(state, 1, sources, TaggingPages.NoneRejected);

        Assert.Equal(["乌兰察布市", "徐振朋", "fox"], suggestions.Select(s => s.Text));
        var after = state.Then(new Batch([.. suggestions.Select(s => s.ToOperation())]));
        Assert.Equal(3, after.Entities.Count);
        Assert.Empty(Suggester.Suggest(after, 1, sources, TaggingPages.NoneRejected));
    }

    [Fact]
    public void PatternRule_SnapsToTextElementsSoACombiningMarkIsKept()
    {
        var sources = SuggestionSources.Defaults with { Patterns = [new PatternRule("ORG", "Cafe")] };

        var suggestion = Assert.Single(TaggingPages.Suggest(sources, "the Cafe\u0301 Paris"));

        Assert.Equal("Cafe\u0301", suggestion.Text);
        Assert.Equal((new Anchor(1, 4), new Anchor(1, 9)), (suggestion.Start, suggestion.End));
    }

    [Theory]
    [InlineData("LOC", "[a-z]+", null)]
    [InlineData("LOC", "(unclosed", "not a valid regular expression")]
    [InlineData("LOC", "a*", "matches empty text")]
    [InlineData("LOC", "", "needs a pattern")]
    [InlineData("bad label", "x", "may only contain")]
    public void PatternRule_Validate_ExplainsProblems(string label, string pattern, string? error)
    {
        var result = PatternRule.Validate(label, pattern);

        if (error is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(error, result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Suggest_InvalidPatternRule_IsSkipped()
    {
        var sources = SuggestionSources.Defaults with { Patterns = [new PatternRule("LOC", "(unclosed")] };

        Assert.Equal(["2025年"], TaggingPages.Suggest(sources, "2025年").Select(s => s.Text));
    }

    [Fact]
    public void Suggest_CatastrophicPattern_TimesOutAndIsSkipped()
    {
        var sources = SuggestionSources.Defaults with { Patterns = [new PatternRule("LOC", "(a+)+b")] };

        Assert.Equal(["2025年"], TaggingPages.Suggest(sources, "2025年" + new string('a', 40)).Select(s => s.Text));
    }

    [Fact]
    public void Suggest_SeedPage000a_FindsDatesAndTheInstituteAcrossALineBreak()
    {
        var state = TaggingPages.Seed("000a_3b61d9199e17de9f.txt");
        Assert.Equal("乌兰", state.Lines[151].Text[^2..]);

        var all = state.Articles
            .SelectMany(a => Suggester.Suggest(state, a.Key, SuggestionSources.Defaults, TaggingPages.NoneRejected))
            .ToList();
        var ofInstitute = Suggester.Suggest(state, state.ArticleOfLine(151)!.Key, SuggestionSources.Defaults, TaggingPages.NoneRejected);

        Assert.Contains(ofInstitute, s => s is { Label: "ORG", Text: "乌兰\n察布市农林科学研究所", Source: EntitySource.Rule } && s.Start == new Anchor(151, 14));
        Assert.Contains(all, s => s is { Label: "DATE", Text: "2019年" } && s.Start.Line == 74);
        Assert.Contains(all, s => s is { Label: "DATE", Text: "7月11日" } && s.Start.Line == 216);
        Assert.Contains(all, s => s is { Label: "DATE", Text: "7月 11日" } && s.Start.Line == 281);
        Assert.Contains(all, s => s is { Label: "ORG", Text: "准格尔旗交通运输局" });
        Assert.DoesNotContain(all, s => s.Text.EndsWith("格局", StringComparison.Ordinal) || s.Text.EndsWith("布局", StringComparison.Ordinal));

        // Accepting every suggestion of every article is one valid batch.
        var batch = new Batch([.. all.Select(s => s.ToOperation())]);
        Assert.Equal(all.Count, state.Then(batch).Entities.Count);
    }
}
