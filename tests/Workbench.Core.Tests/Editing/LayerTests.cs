using Workbench.Core.Editing;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Editing;

/// <summary>Independent annotation in Core: each annotator's entities in their layer, submission, and who sees what (issue #19).</summary>
public class LayerTests
{
    private static readonly LayerViewer A = new("ann-a", Curator: false, Required: 2);
    private static readonly LayerViewer B = new("ann-b", Curator: false, Required: 2);
    private static readonly LayerViewer Curator = new("rev", Curator: true, Required: 2);

    /// <summary>Two articles; line 2 holds 乌兰察布市 in article 1.</summary>
    private static PageState Page() => PageBuilder.Build(
        ["标题一", "乌兰察布市召开会议", "标题二", "北京市人民政府"],
        [(BlockRole.Headline, 1, 1), (BlockRole.Body, 2, 2)],
        [(BlockRole.Headline, 3, 3), (BlockRole.Body, 4, 4)]);

    private static AddEntity Tag(string label, int line, int start, string text, string? layer) =>
        new(label, new Anchor(line, start), new Anchor(line, start + text.Length), text, Layer: layer);

    [Fact]
    public void ALayerTag_OpensTheAnnotatorsLayer_AndItsUndoKeepsTheLayer()
    {
        var applied = Page().Applied(Tag("LOC", 2, 0, "乌兰察布市", "ann-a"));

        var entity = Assert.Single(applied.NewState.Entities);
        Assert.Equal("ann-a", entity.Layer);
        Assert.Equal([new LayerState("ann-a", false)], applied.NewState.FindArticle(1)!.LayerList);
        Assert.Equal(new RemoveEntity(entity.Key), applied.Inverse);
        var removed = applied.NewState.Applied(new RemoveEntity(entity.Key));
        Assert.Equal("ann-a", Assert.IsType<AddEntity>(removed.Inverse).Layer);
    }

    [Fact]
    public void TheSameTagInTwoLayers_IsNotADuplicate_ButTwiceInOneLayerIs()
    {
        var state = Page().Then(Tag("LOC", 2, 0, "乌兰察布市", "ann-a"));

        var both = state.Then(Tag("LOC", 2, 0, "乌兰察布市", "ann-b"));
        var again = state.Rejected(Tag("LOC", 2, 0, "乌兰察布市", "ann-a"));

        Assert.Equal(2, both.Entities.Count);
        Assert.Equal(EditMessages.Format(EditMessages.EntityDuplicate, "LOC"), again.Reason);
    }

    [Fact]
    public void ASubmittedLayer_IsReadOnly_UntilTakenBack()
    {
        var state = Page().Then(Tag("LOC", 2, 0, "乌兰察布市", "ann-a"));
        var submitted = state.Applied(new SetLayerStatus(1, true, "ann-a"));
        var after = submitted.NewState;

        Assert.Equal(EditMessages.LayerSubmitted, after.Rejected(Tag("ORG", 2, 5, "召开会议", "ann-a")).Reason);
        Assert.Equal(EditMessages.LayerSubmitted, after.Rejected(new RemoveEntity(1)).Reason);
        Assert.Equal(EditMessages.LayerSubmitted, after.Rejected(new RelabelEntity(1, "LOC", "ORG")).Reason);
        Assert.Equal(EditMessages.LayerAlreadySubmitted, after.Rejected(new SetLayerStatus(1, true, "ann-a")).Reason);
        Assert.Equal(new SetLayerStatus(1, false, "ann-a"), submitted.Inverse);
        Assert.Empty(after.Then(submitted.Inverse).Then(new RemoveEntity(1)).Entities);

        // Another annotator's layer is not affected by A's submission.
        Assert.Equal("ann-b", after.Then(Tag("LOC", 2, 0, "乌兰察布市", "ann-b")).Entities[1].Layer);
    }

    [Fact]
    public void SubmittingNothing_IsAnAnswer_AndNeedsAnAnnotator()
    {
        var after = Page().Then(new SetLayerStatus(2, true, "ann-b"));

        Assert.Equal([new LayerState("ann-b", true)], after.FindArticle(2)!.LayerList);
        Assert.Equal(EditMessages.Format(EditMessages.MissingValue, EditMessages.Missing.Annotator), Page().Rejected(new SetLayerStatus(2, true)).Reason);
    }

    [Fact]
    public void VisibleTo_HidesOtherLayersUntilEveryLayerIsSubmitted_CuratorsSeeAll()
    {
        var state = Page()
            .Then(Tag("LOC", 2, 0, "乌兰察布市", null))
            .Then(Tag("LOC", 2, 0, "乌兰察布市", "ann-a"))
            .Then(Tag("ORG", 4, 0, "北京市人民政府", "ann-b"));

        Assert.Equal(["gold", "ann-a"], Layers.VisibleTo(state, A).Entities.Select(e => e.Layer ?? "gold"));
        Assert.Equal(["gold", "ann-b"], Layers.VisibleTo(state, B).Entities.Select(e => e.Layer ?? "gold"));
        Assert.Equal(3, Layers.VisibleTo(state, Curator).Entities.Count);
        Assert.Empty(Layers.VisibleTo(state, A).FindArticle(2)!.LayerList);

        // Article 1: A submitted, B submits an empty layer: both layers complete, A's tag visible to B.
        var done = state.Then(new SetLayerStatus(1, true, "ann-a")).Then(new SetLayerStatus(1, true, "ann-b"));
        Assert.Equal(["gold", "ann-a", "ann-b"], Layers.VisibleTo(done, B).Entities.Select(e => e.Layer ?? "gold"));
        Assert.Equal(["gold", "ann-a"], Layers.VisibleTo(done, A).Entities.Select(e => e.Layer ?? "gold"));
        Assert.Equal(2, Layers.VisibleTo(done, A).FindArticle(1)!.LayerList.Count);

        // One submitted layer is not enough when the project asks for two.
        var one = state.Then(new SetLayerStatus(2, true, "ann-b"));
        Assert.False(Layers.Complete(one.FindArticle(2)!, 2));
        Assert.DoesNotContain(Layers.VisibleTo(one, A).Entities, e => e.Layer == "ann-b");
    }

    [Fact]
    public void Stamp_PutsAnnotatorsTagsInTheirLayer_AndCuratorsTagsInGold_WhateverTheClientWrote()
    {
        var forged = new Batch([Tag("LOC", 2, 0, "乌兰察布市", "ann-b"), new SetLayerStatus(1, true, "ann-b")]);

        var asA = Assert.IsType<Batch>(Layers.Stamp(forged, "ann-a", independent: true, curator: false));
        var asCurator = Assert.IsType<Batch>(Layers.Stamp(forged, "rev", independent: true, curator: true));
        var shared = Assert.IsType<Batch>(Layers.Stamp(forged, "ann-a", independent: false, curator: false));

        Assert.Equal("ann-a", Assert.IsType<AddEntity>(asA.Operations[0]).Layer);
        Assert.Equal("ann-a", Assert.IsType<SetLayerStatus>(asA.Operations[1]).Annotator);
        Assert.Null(Assert.IsType<AddEntity>(asCurator.Operations[0]).Layer);
        Assert.Null(Assert.IsType<AddEntity>(shared.Operations[0]).Layer);

        // A curator's undo restores an annotator's entity into its layer.
        var restore = Tag("LOC", 2, 0, "乌兰察布市", "ann-b") with { Key = 7 };
        Assert.Equal("ann-b", Assert.IsType<AddEntity>(Layers.Stamp(restore, "rev", independent: true, curator: true)).Layer);
    }

    [Fact]
    public void TouchesOtherLayer_IsALineEditOverAnotherAnnotatorsTag_NotOneThatMovesIt()
    {
        var state = Page().Then(Tag("LOC", 2, 0, "乌兰察布市", "ann-b"));

        var shifts = state.Applied(new EditLine(2, "乌兰察布市召开会议", "在乌兰察布市召开会议"));
        var cuts = state.Applied(new EditLine(2, "乌兰察布市召开会议", "乌兰察召开会议"));

        Assert.False(Layers.TouchesOtherLayer(state, shifts.NewState, shifts.Changes, "ann-a"));
        Assert.True(Layers.TouchesOtherLayer(state, cuts.NewState, cuts.Changes, "ann-a"));
        Assert.False(Layers.TouchesOtherLayer(state, cuts.NewState, cuts.Changes, "ann-b"));

        // The inverse of the cut restores B's entity in B's layer.
        var fix = Assert.IsType<Batch>(cuts.Inverse).Operations.OfType<AddEntity>().Single();
        Assert.Equal("ann-b", fix.Layer);
    }

    [Fact]
    public void RefusalsAndNotes_NeverQuoteALayersEntity()
    {
        var state = Page().Then(Tag("LOC", 2, 0, "乌兰察布市", "ann-b"));

        var removedByEdit = state.Applied(new EditLine(2, "乌兰察布市召开会议", "召开会议"));
        var crossing = PageBuilder.Build(["一", "乌兰察布", "市召开"], [(BlockRole.Body, 1, 3)])
            .Then(new AddEntity("LOC", new Anchor(2, 0), new Anchor(3, 1), "乌兰察布\n市", Layer: "ann-b"))
            .Rejected(new SplitArticle(1, 3));

        Assert.Equal([EditMessages.LayerEntityRemovedByEdit], removedByEdit.Notes);
        Assert.Equal(EditMessages.LayerEntityWouldCross, crossing.Reason);
        Assert.DoesNotContain("乌兰察布", crossing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LayerOf_NamesTheLayerAnOperationCarries()
    {
        var state = Page().Then(Tag("LOC", 2, 0, "乌兰察布市", "ann-a")).Then(Tag("ORG", 4, 0, "北京市人民政府", "ann-b"));

        Assert.Null(Layers.LayerOf(state, new EditLine(2, "x", "y")));
        Assert.Equal("ann-a", Layers.LayerOf(state, new RemoveEntity(1)));
        Assert.Equal("ann-b", Layers.LayerOf(state, new RelabelEntity(2, "ORG", "LOC")));
        Assert.Equal(Layers.CuratorsOnly, Layers.LayerOf(state, new Batch([new RemoveEntity(1), new RemoveEntity(2)])));
        Assert.False(Layers.CanRead(Layers.CuratorsOnly, A, state.FindArticle(1)));
        Assert.False(Layers.CanRead("ann-b", A, state.FindArticle(2)));
        Assert.True(Layers.CanRead("ann-b", Curator, state.FindArticle(2)));
    }

    [Fact]
    public void SplittingAnArticle_CarriesItsLayersToBothParts()
    {
        var state = Page().Then(Tag("LOC", 2, 0, "乌兰察布市", "ann-a")).Then(new SplitArticle(1, 2));

        Assert.Equal(state.Articles[0].LayerList, state.Articles[1].LayerList);
        Assert.Single(state.Articles[1].LayerList);
    }
}

/// <summary>Curation plans: agreed spans merged in one step, the rest grouped by overlap (issue #19).</summary>
public class CurationTests
{
    private static AddEntity Tag(string label, int line, int start, string text, string layer) =>
        new(label, new Anchor(line, start), new Anchor(line, start + text.Length), text, Layer: layer);

    [Fact]
    public void Plan_MergesWhatEveryLayerHas_AndGroupsTheRestByOverlap()
    {
        // 乌兰察布市 LOC in both; 召开会议 MISC in A only; 北京市人民政府 ORG (A) against 北京市 LOC (B).
        var state = PageBuilder.WithLines("乌兰察布市召开会议", "北京市人民政府发布通知")
            .Then(Tag("LOC", 1, 0, "乌兰察布市", "a")).Then(Tag("LOC", 1, 0, "乌兰察布市", "b"))
            .Then(Tag("MISC", 1, 5, "召开会议", "a"))
            .Then(Tag("ORG", 2, 0, "北京市人民政府", "a")).Then(Tag("LOC", 2, 0, "北京市", "b"))
            .Then(new SetLayerStatus(1, true, "a")).Then(new SetLayerStatus(1, true, "b"));

        var plan = Curation.Plan(state, 1)!;

        Assert.Equal(["a", "b"], plan.Layers);
        Assert.Equal("乌兰察布市", Assert.Single(plan.Agreed).Text);
        Assert.Equal(2, plan.Groups.Count);
        Assert.Equal(["召开会议"], plan.Groups[0].Spans.Select(s => s.Text));
        Assert.Equal([("ORG", "a"), ("LOC", "b")], plan.Groups[1].Spans.Select(s => (s.Label, s.Layer)));
        Assert.All(plan.Groups, g => Assert.False(g.Resolved));

        // Merging the agreed span and accepting B's LOC: nothing left to merge, the second group resolved.
        var curated = state.Then(plan.MergeAgreed()!).Then(plan.Groups[1].Spans[1].ToGold());
        var after = Curation.Plan(curated, 1)!;
        Assert.Empty(after.Agreed);
        Assert.Equal([false, true], after.Groups.Select(g => g.Resolved));
        Assert.Equal(["乌兰察布市", "北京市"], curated.Entities.Where(e => e.Layer is null).Select(e => e.Text));
    }

    [Fact]
    public void Plan_LeavesOutLayersNotSubmitted()
    {
        var state = PageBuilder.WithLines("乌兰察布市召开会议")
            .Then(Tag("LOC", 1, 0, "乌兰察布市", "a")).Then(Tag("LOC", 1, 0, "乌兰察布市", "b"))
            .Then(new SetLayerStatus(1, true, "a"));

        var plan = Curation.Plan(state, 1)!;

        Assert.Equal(["a"], plan.Layers);
        Assert.Single(plan.Agreed);
        Assert.Null(Curation.Plan(state, 99));
    }
}
