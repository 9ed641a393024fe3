using System.Collections.Immutable;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Web.Data;
using Workbench.Web.Editing;

namespace Workbench.Web.Tests.Editing;

/// <summary>The rules and texts the browser gets with the page state instead of mirroring them by hand.</summary>
public sealed class EditorRulesTests
{
    [Fact]
    public void Transitions_FollowThePolicyPerRole_WithTheCommentsItAsksFor()
    {
        static string Of(ProjectRole role) => string.Join(", ", EditorRules.For(role).Transitions.Select(t => $"{t.Action}:{t.From}>{t.To}{(t.NeedsComment ? "+comment" : "")}"));

        Assert.Equal(
            "start:Draft>InProgress, start:ChangesRequested>InProgress, submit:Draft>Submitted, submit:InProgress>Submitted, submit:ChangesRequested>Submitted, withdraw:Submitted>InProgress",
            Of(ProjectRole.Annotator));
        Assert.Equal(
            "start:Draft>InProgress, start:ChangesRequested>InProgress, submit:Draft>Submitted, submit:InProgress>Submitted, submit:ChangesRequested>Submitted, "
            + "approve:Submitted>Approved, requestChanges:Submitted>ChangesRequested+comment, withdraw:Submitted>InProgress, reopen:Approved>InProgress+comment",
            Of(ProjectRole.Reviewer));
    }

    [Fact]
    public void State_CarriesLocks_TheThresholdAndRoles_AndEachArticlesJoinedTextWithWhereItsLinesWent()
    {
        // "infor-" + "mation" is rejoined, the blank line breaks the paragraph after a full stop, no space goes before a
        // closing bracket that starts a line, and 😀 is two UTF-16 units.
        string[] text = ["Head", "  The infor-", "mation desk.", "", "😀 opens", ") now"];
        var lines = text.Select((t, i) => new LineState(i + 1, t, t)).ToImmutableSortedDictionary(l => l.Number, l => l);
        var articles = ImmutableList.Create(
            new ArticleState(1, "Head", ArticleStatus.Approved, [new BlockState(BlockRole.Headline, 1, 1)]),
            new ArticleState(2, "", ArticleStatus.Draft, [new BlockState(BlockRole.Body, 2, 6)]));
        var state = new PageState(3, lines, articles, [], 3, 1);

        var dto = EditorState.From(new Page { SourceName = "p.txt", Sha256 = "00", Format = Core.Pages.SourceFormat.Text }, "P", ProjectRole.Annotator, state, []);

        Assert.Equal(["approved", null], dto.Articles.Select(a => a.Locked));
        Assert.Equal(EditorRules.DoubtfulBelow, dto.Rules.Doubtful);
        Assert.Equal(Enum.GetValues<BlockRole>().Length, dto.Rules.Roles.Count);
        Assert.Contains("headline", dto.Rules.Roles);
        var body = dto.Texts.Single(t => t.Key == 2);
        Assert.Equal(ArticleTexts.Build(state, 2)!.Text, body.Text);
        Assert.Equal("The information desk.\n😀 opens) now", body.Text);
        // Line 2 keeps "The infor" from offset 2 (the hyphen is dropped), line 3 follows with no space, line 4 is blank.
        Assert.Equal([[2, 0, 2, 9], [3, 9, 0, 12], [4, 21, 0, 0], [5, 22, 0, 8], [6, 30, 0, 5]], body.Spans);
    }
}
