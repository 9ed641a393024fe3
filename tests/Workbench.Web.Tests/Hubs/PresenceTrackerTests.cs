using Workbench.Web.Hubs;

namespace Workbench.Web.Tests.Hubs;

public sealed class PresenceTrackerTests
{
    [Fact]
    public async Task EveryChange_HasAHigherRevision_SoAnOlderSnapshotCanBeToldApart()
    {
        var tracker = new PresenceTracker();
        var reviewerEnters = await tracker.EnterAsync(1, "c-reviewer", "u-reviewer", "reviewer");
        var annotatorEnters = await tracker.EnterAsync(1, "c-annotator", "u-annotator", "annotator");
        var focus = (await tracker.FocusAsync(1, "c-annotator", 3))!;
        var otherPage = await tracker.EnterAsync(2, "c-other", "u-other", "other");
        var leaves = await tracker.LeaveAsync(1, "c-reviewer");

        Assert.True(reviewerEnters.Revision < annotatorEnters.Revision);
        Assert.True(annotatorEnters.Revision < focus.Revision);
        Assert.True(focus.Revision < otherPage.Revision);
        Assert.True(otherPage.Revision < leaves.Revision);

        // The reviewer's own Join answer (older) lacks the annotator; the broadcast of the annotator's arrival (newer) has both.
        Assert.Equal(["reviewer"], reviewerEnters.Present.Select(p => p.UserName));
        Assert.Equal(["annotator", "reviewer"], annotatorEnters.Present.Select(p => p.UserName));
        Assert.Equal(3, focus.Present.Single(p => p.UserName == "annotator").ArticleKey);
        Assert.Equal(["annotator"], leaves.Present.Select(p => p.UserName));
        Assert.Null(await tracker.FocusAsync(1, "c-gone", 1));
    }
}
