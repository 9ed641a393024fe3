using FsCheck.Xunit;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Testing;

namespace Workbench.Core.Tests.Editing;

public class RandomOperationTests
{
    private static PageState SeedPage()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var path = Directory.GetFiles(Path.Combine(dir.FullName, "data", "seeds"), "*.txt").Order(StringComparer.Ordinal).First();
        var page = PageReader.Read(Path.GetFileName(path), File.ReadAllBytes(path));
        return PageStates.FromSegmentation(Segmenter.Segment(page));
    }

    /// <summary>What must hold after every operation.</summary>
    private static void AssertInvariants(PageState state)
    {
        var owners = new Dictionary<int, int>();
        foreach (var article in state.Articles)
        {
            foreach (var block in article.Blocks)
            {
                Assert.True(block.FirstLine <= block.LastLine);
                for (var n = block.FirstLine; n <= block.LastLine; n++)
                {
                    Assert.True(state.Lines.ContainsKey(n));
                    Assert.True(owners.TryAdd(n, article.Key), $"line {n} is in two articles");
                }
            }

            Assert.True(article.Key < state.NextArticleKey);
        }

        Assert.Equal(state.Articles.Count, state.Articles.Select(a => a.Key).Distinct().Count());
        Assert.Equal(state.Entities.Select(e => e.Key).Order(), state.Entities.Select(e => e.Key));
        Assert.Equal(state.Entities.Count, state.Entities.Select(e => e.Key).Distinct().Count());
        foreach (var e in state.Entities)
        {
            Assert.True(e.Key < state.NextEntityKey);
            Assert.True(e.Start < e.End);
            Assert.True(PageText.IsValid(state, e.Start) && PageText.IsValid(state, e.End), $"entity {e.Key} splits a character");
            Assert.Equal(PageText.Slice(state, e.Start, e.End), e.Text);
            var owner = owners.GetValueOrDefault(e.Start.Line);
            for (var n = e.Start.Line; n <= e.End.Line; n++)
            {
                Assert.Equal(owner, owners.GetValueOrDefault(n));
            }
        }

        Assert.All(state.Lines.Values, l => Assert.False(l.Text.Contains('\n', StringComparison.Ordinal) || l.Text.Contains('\r', StringComparison.Ordinal)));
    }

    [Fact]
    public void RandomOperations_5000InSequence_AreAllAcceptedAndReplayGivesAnEqualState()
    {
        var initial = SeedPage();
        var rng = new Random(20261123);
        var state = initial;
        var log = new List<string>();
        for (var i = 0; i < 5000; i++)
        {
            var op = RandomOperations.Next(state, rng);
            var result = PageEditor.Apply(state, op);
            var applied = Assert.IsType<OperationResult.Applied>(result, exactMatch: false);
            state = applied.NewState;
            log.Add(PageOperationJson.Serialize(op));
            if (i % 50 == 0)
            {
                AssertInvariants(state);
            }
        }

        AssertInvariants(state);
        Assert.Equal(5000, state.Version);
        Assert.True(state.Entities.Count > 0);
        Assert.Contains(state.Lines.Values, l => l.IsCorrected);

        var replayed = initial;
        foreach (var json in log)
        {
            replayed = replayed.Then(PageOperationJson.TryDeserialize(json)!);
        }

        Assert.Equal(PageStates.ToCanonicalJson(state), PageStates.ToCanonicalJson(replayed));
    }

    [Fact]
    public void RandomOperations_SameSeed_SameOperations()
    {
        static List<string> Run()
        {
            var rng = new Random(7);
            var state = PageBuilder.Sample();
            var ops = new List<string>();
            for (var i = 0; i < 300; i++)
            {
                var op = RandomOperations.Next(state, rng);
                ops.Add(PageOperationJson.Serialize(op));
                state = state.Then(op);
            }

            return ops;
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void RandomOperations_EmitEveryKind()
    {
        var rng = new Random(11);
        var state = SeedPage();
        var kinds = new HashSet<Type>();
        for (var i = 0; i < 2000; i++)
        {
            var op = RandomOperations.Next(state, rng);
            kinds.Add(op.GetType());
            if (op is Batch batch)
            {
                kinds.UnionWith(batch.Operations.Select(o => o.GetType()));
            }

            Assert.False(op is SetStatus { Status: ArticleStatus.Approved });
            state = state.Then(op);
        }

        Assert.Superset(
            new HashSet<Type>([typeof(SplitArticle), typeof(MergeArticles), typeof(MoveLines), typeof(ReorderBlocks), typeof(SetBlockRole), typeof(SetTitle),
                typeof(EditLine), typeof(AddEntity), typeof(RelabelEntity), typeof(RemoveEntity), typeof(SetStatus), typeof(Assign), typeof(Batch)]),
            kinds);
    }

    [Fact]
    public void RandomOperations_LeaveApprovedArticlesAlone()
    {
        var rng = new Random(3);
        var state = PageBuilder.Sample().Tag("PER", 9, "文章").Approve(2);
        var approved = state.Articles[1];
        for (var i = 0; i < 500; i++)
        {
            state = state.Then(RandomOperations.Next(state, rng));
        }

        Assert.Equal(approved, state.FindArticle(2));
        Assert.Contains(state.Entities, e => e.Key == 1 && e.Text == "文章");
        Assert.Equal("第二篇文章的正文内容", state.Lines[9].Text);
    }

    [Property(MaxTest = 60)]
    public void Inverse_OfEveryRandomOperation_RestoresTheState(int seed)
    {
        var rng = new Random(seed);
        var state = PageBuilder.Sample();
        for (var i = 0; i < 60; i++)
        {
            var op = RandomOperations.Next(state, rng);
            var applied = state.Applied(op);
            AssertInvariants(applied.NewState);
            if (!Reversible(op))
            {
                // A status change is undone by the next decision, not by going back against the workflow.
                Assert.Contains("cannot go from", applied.NewState.Rejected(applied.Inverse).Reason, StringComparison.Ordinal);
                state = applied.NewState;
                continue;
            }

            var undone = applied.NewState.Applied(applied.Inverse);
            Assert.True(
                PageStates.AreEquivalent(state, undone.NewState, includeVersionAndCounters: false),
                $"inverse of {PageOperationJson.Serialize(op)} was {PageOperationJson.Serialize(applied.Inverse)}");
            var redone = undone.NewState.Applied(undone.Inverse);
            Assert.True(PageStates.AreEquivalent(applied.NewState, redone.NewState, includeVersionAndCounters: false), "redo after undo");
            state = applied.NewState;
        }
    }

    [Fact]
    public void Inverse_OnTheSeedPage_RestoresEveryStep()
    {
        var rng = new Random(99);
        var state = SeedPage();
        for (var i = 0; i < 1500; i++)
        {
            var op = RandomOperations.Next(state, rng);
            var applied = state.Applied(op);
            if (!Reversible(op))
            {
                state = applied.NewState;
                continue;
            }

            var undone = applied.NewState.Then(applied.Inverse);
            Assert.True(
                PageStates.AreEquivalent(state, undone, includeVersionAndCounters: false),
                $"step {i}: inverse of {PageOperationJson.Serialize(op)} was {PageOperationJson.Serialize(applied.Inverse)}");
            state = applied.NewState;
        }
    }

    /// <summary>False when the operation holds a status change whose way back is not a transition of the workflow.</summary>
    private static bool Reversible(PageOperation op) => op switch
    {
        SetStatus x => ArticleWorkflow.IsTransition(x.Status, x.ExpectedStatus),
        Batch b => b.Operations.All(Reversible),
        _ => true,
    };
}
