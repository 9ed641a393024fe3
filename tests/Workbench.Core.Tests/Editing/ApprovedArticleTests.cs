using Workbench.Core.Editing;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Editing;

public class ApprovedArticleTests
{
    private const string Refusal = "Article 2 is approved; a reviewer must reopen it before it can be edited.";

    private static PageState Approved() =>
        PageBuilder.Sample().Tag("ORG", 9, "文章").Approve(2);

    public static TheoryData<PageOperation> Edits() =>
    [
        new SplitArticle(2, 9),
        new MergeArticles(2, 1),
        new MergeArticles(1, 2),
        new MoveLines(9, 9, 1),
        new MoveLines(2, 2, 2),
        new ReorderBlocks(2, [1, 0]),
        new SetBlockRole(2, 0, BlockRole.Kicker),
        new SetTitle(2, "Article 2", "x"),
        new EditLine(9, "第二篇文章的正文内容", "x"),
        new AddEntity("PER", new Anchor(10, 0), new Anchor(10, 2), "继续"),
        new RelabelEntity(1, "ORG", "LOC"),
        new RemoveEntity(1),
        new Assign(2, "alice"),
        new SetBlocks(2, [new BlockState(BlockRole.Body, 8, 10)]),
        new RemoveArticle(2),
        new Batch([new SetTitle(1, "Article 1", "ok"), new SetTitle(2, "Article 2", "no")]),
    ];

    [Theory]
    [MemberData(nameof(Edits))]
    public void ApprovedArticle_RefusesEdits(PageOperation op)
    {
        var rejected = Approved().Rejected(op);

        Assert.Equal(Refusal, rejected.Reason);
    }

    [Fact]
    public void ApprovedArticle_CanBeReopenedBySetStatus()
    {
        var reopened = Approved().Then(new SetStatus(2, ArticleStatus.Approved, ArticleStatus.InProgress));

        Assert.Equal("x", reopened.Then(new SetTitle(2, "Article 2", "x")).Articles[1].Title);
    }

    [Fact]
    public void ApprovedArticle_OtherArticlesStayEditable()
    {
        Assert.Equal("x", Approved().Then(new SetTitle(1, "Article 1", "x")).Articles[0].Title);
    }
}
