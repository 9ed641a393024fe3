using FsCheck.Xunit;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Testing;

namespace Workbench.Core.Tests.Editing;

public class FuzzTests
{
    /// <summary>Arbitrary (mostly invalid) operations are rejected or applied, never thrown on, and never break the page.</summary>
    [Property(MaxTest = 300)]
    public void Apply_ArbitraryOperations_NeverThrows(int seed)
    {
        var rng = new Random(seed);
        var state = PageBuilder.Sample().Tag("PER", 2, "徐振朋").Tag("X", 7, "😀");
        string[] texts = ["", "徐振朋", "😀", "\uD83D", "a\nb", "Article 1", "PER"];
        int N() => rng.Next(-2, 14);
        string? T() => rng.Next(8) == 0 ? null : texts[rng.Next(texts.Length)];
        Anchor A() => new(N(), N());
        for (var i = 0; i < 40; i++)
        {
            var generatorCanRun = state.Articles.Exists(a => a.Status != ArticleStatus.Approved && !a.Blocks.IsEmpty);
            PageOperation op = generatorCanRun && rng.Next(3) == 0 ? RandomOperations.Next(state, rng) : rng.Next(16) switch
            {
                0 => new SplitArticle(N(), N(), T()),
                1 => new MergeArticles(N(), N()),
                2 => new MoveLines(N(), N(), rng.Next(3) == 0 ? null : N(), T()),
                3 => new ReorderBlocks(N(), [.. Enumerable.Range(0, rng.Next(4)).Select(_ => N())]),
                4 => new SetBlockRole(N(), N(), (BlockRole)N()),
                5 => new SetTitle(N(), T()!, T()!),
                6 => new EditLine(N(), T()!, T()!),
                7 => new AddEntity(T()!, A(), A(), T()!, (EntitySource)N(), rng.Next(3) == 0 ? N() : null),
                8 => new RelabelEntity(N(), T()!, T()!),
                9 => new RemoveEntity(N()),
                10 => new SetStatus(N(), (ArticleStatus)N(), (ArticleStatus)N()),
                11 => new Assign(N(), T()),
                12 => new SetBlocks(N(), [new BlockState((BlockRole)N(), N(), N())]),
                13 => new RemoveArticle(N()),
                14 => new RestoreArticle(N(), new ArticleState(N(), T()!, (ArticleStatus)N(), [new BlockState(BlockRole.Body, N(), N())])),
                _ => new Batch([new SetTitle(1, T()!, "x"), new EditLine(N(), T()!, "y")]),
            };

            if (PageEditor.Apply(state, op) is OperationResult.Applied applied)
            {
                if (!Reversible(op))
                {
                    state = applied.NewState; // a status change is undone by the next decision, not against the workflow
                    continue;
                }

                var undone = PageEditor.Apply(applied.NewState, applied.Inverse);
                var context = $"{PageOperationJson.Serialize(op)} → {PageOperationJson.Serialize(applied.Inverse)}: {(undone as OperationResult.Rejected)?.Reason}";
                Assert.True(undone is OperationResult.Applied u && PageStates.AreEquivalent(state, u.NewState, includeVersionAndCounters: false), context);
                state = applied.NewState;
            }
            else
            {
                Assert.True(PageStates.AreEquivalent(state, state));
            }
        }
    }

    private static bool Reversible(PageOperation op) => op switch
    {
        SetStatus x => ArticleWorkflow.IsTransition(x.Status, x.ExpectedStatus),
        Batch b => b.Operations.All(Reversible),
        _ => true,
    };
}
