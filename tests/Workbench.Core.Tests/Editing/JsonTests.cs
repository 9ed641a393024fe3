using System.Text.Json;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Editing;

public class JsonTests
{
    public static TheoryData<string, PageOperation> EveryKind() => new()
    {
        { "splitArticle", new SplitArticle(3, 40, "第二篇") },
        { "mergeArticles", new MergeArticles(4, 3) },
        { "moveLines", new MoveLines(10, 12, null, "Box") },
        { "reorderBlocks", new ReorderBlocks(3, [1, 0, 2]) },
        { "setBlockRole", new SetBlockRole(3, 1, BlockRole.Byline) },
        { "setTitle", new SetTitle(3, "旧", "新") },
        { "editLine", new EditLine(12, "乌兰察市", "乌兰察布市") },
        { "addEntity", new AddEntity("PER", new Anchor(151, 0), new Anchor(151, 3), "徐振朋", EntitySource.Rule) },
        { "relabelEntity", new RelabelEntity(7, "PER", "ORG") },
        { "removeEntity", new RemoveEntity(7) },
        { "setStatus", new SetStatus(3, ArticleStatus.InProgress, ArticleStatus.Submitted) },
        { "assign", new Assign(3, "alice") },
        { "batch", new Batch([new RemoveEntity(1), new Assign(3, null)]) },
        { "setBlocks", new SetBlocks(3, [new BlockState(BlockRole.Body, 1, 4)]) },
        { "removeArticle", new RemoveArticle(3) },
        { "restoreArticle", new RestoreArticle(2, new ArticleState(3, "标题", ArticleStatus.Draft, [new BlockState(BlockRole.Headline, 1, 1)], "bob")) },
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Json_EveryKind_RoundTripsWithKindDiscriminator(string kind, PageOperation op)
    {
        var json = PageOperationJson.Serialize(op);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(kind, doc.RootElement.GetProperty("kind").GetString());
        var back = PageOperationJson.TryDeserialize(json);
        Assert.NotNull(back);
        Assert.Equal(op.GetType(), back.GetType());
        Assert.Equal(json, PageOperationJson.Serialize(back));
    }

    [Fact]
    public void Json_Shape_IsCamelCaseWithEnumNames()
    {
        var json = PageOperationJson.Serialize(new AddEntity("PER", new Anchor(151, 0), new Anchor(151, 3), "徐振朋", EntitySource.Gazetteer));

        Assert.Equal(
            """{"kind":"addEntity","label":"PER","start":{"line":151,"offset":0},"end":{"line":151,"offset":3},"text":"徐振朋","source":"gazetteer","key":null}""",
            System.Text.RegularExpressions.Regex.Unescape(json));
    }

    [Fact]
    public void Json_KindNotFirst_StillReads()
    {
        var op = PageOperationJson.TryDeserialize("""{"line":12,"expectedText":"a","newText":"b","kind":"editLine"}""");

        Assert.Equal(new EditLine(12, "a", "b"), op);
    }

    [Theory]
    [InlineData("""{"kind":"explode"}""")]
    [InlineData("not json")]
    [InlineData("""{"line":1}""")]
    public void Json_Garbage_IsNull(string json)
    {
        Assert.Null(PageOperationJson.TryDeserialize(json));
    }

    [Fact]
    public void Json_InverseOperations_RoundTrip()
    {
        var state = PageBuilder.Sample().Tag("PER", 2, "徐振朋");
        var applied = state.Applied(new EditLine(2, state.Lines[2].Text, "主持会议并讲话"));

        var inverse = PageOperationJson.TryDeserialize(PageOperationJson.Serialize(applied.Inverse))!;

        Assert.True(PageStates.AreEquivalent(state, applied.NewState.Then(inverse), includeVersionAndCounters: false));
    }
}

/// <summary>The names code matches in the log (OperationKinds, StatusJson) are the ones the JSON contract writes.</summary>
public class ContractNameTests
{
    [Fact]
    public void OperationKindsAndStatusNames_AreWhatTheSerializerWrites()
    {
        Assert.Equal(OperationKinds.SetStatus, PageOperationJson.KindOf(new SetStatus(1, ArticleStatus.Draft, ArticleStatus.Submitted)));
        Assert.Equal(OperationKinds.Batch, PageOperationJson.KindOf(new Batch([])));
        foreach (var (status, name) in new[] { (ArticleStatus.Submitted, StatusJson.Submitted), (ArticleStatus.Approved, StatusJson.Approved), (ArticleStatus.ChangesRequested, StatusJson.ChangesRequested) })
        {
            Assert.Contains($"\"status\":\"{name}\"", PageOperationJson.Serialize(new SetStatus(1, ArticleStatus.Draft, status)), StringComparison.Ordinal);
        }
    }
}
