using Workbench.Core.Editing;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Editing;

public class DescriptionTests
{
    [Fact]
    public void Describe_GivesShortEnglishSentences()
    {
        using var culture = new UiCulture("en");
        Assert.Equal("Split article 3 at line 40", OperationDescriptions.Describe(new SplitArticle(3, 40)));
        Assert.Equal("Corrected line 12: “乌兰察市” → “乌兰察布市”", OperationDescriptions.Describe(new EditLine(12, "乌兰察市", "乌兰察布市")));
        Assert.Equal("Tagged PER “徐振朋” on line 151", OperationDescriptions.Describe(new AddEntity("PER", new Anchor(151, 0), new Anchor(151, 3), "徐振朋")));
        Assert.Equal("Tagged PER “徐振 朋” on lines 151–152", OperationDescriptions.Describe(new AddEntity("PER", new Anchor(151, 2), new Anchor(152, 1), "徐振\n朋")));
        Assert.Equal("Merged article 4 into article 3", OperationDescriptions.Describe(new MergeArticles(4, 3)));
        Assert.Equal("Moved lines 10–12 to a new article", OperationDescriptions.Describe(new MoveLines(10, 12, null)));
        Assert.Equal("Moved line 10 to article 2", OperationDescriptions.Describe(new MoveLines(10, 10, 2)));
        Assert.Equal("Marked block 2 of article 3 as byline", OperationDescriptions.Describe(new SetBlockRole(3, 1, BlockRole.Byline)));
        Assert.Equal("Changed the status of article 3: in progress → submitted", OperationDescriptions.Describe(new SetStatus(3, ArticleStatus.InProgress, ArticleStatus.Submitted)));
        Assert.Equal("Unassigned article 3", OperationDescriptions.Describe(new Assign(3, null)));
        Assert.Equal("Removed entity 7", OperationDescriptions.Describe(new RemoveEntity(7)));
    }

    [Fact]
    public void Describe_InChinese_FollowsTheUiCulture_WithNoEnglishWords()
    {
        PageOperation[] operations =
        [
            new SplitArticle(3, 40), new MergeArticles(4, 3), new MoveLines(10, 12, null), new MoveLines(10, 10, 2),
            new SetBlockRole(3, 1, BlockRole.Byline), new SetStatus(3, ArticleStatus.InProgress, ArticleStatus.Submitted),
            new EditLine(12, "乌兰察市", "乌兰察布市"), new RemoveEntity(7), new Assign(3, null),
            new Batch([new RemoveEntity(7), new Assign(3, null)]), new Batch([]),
        ];
        string[] english;
        using (new UiCulture("en"))
        {
            english = operations.Select(OperationDescriptions.Describe).ToArray();
        }

        using var culture = new UiCulture("zh-Hans");
        for (var i = 0; i < operations.Length; i++)
        {
            var chinese = OperationDescriptions.Describe(operations[i]);
            Assert.NotEqual(english[i], chinese);
            Assert.DoesNotMatch("[A-Za-z]{2,}", chinese);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese);
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh-Hans-CN")]
    public void Describe_InAChineseRegionalCulture_FallsBackToZhHans(string name)
    {
        string chinese;
        using (new UiCulture("zh-Hans"))
        {
            chinese = OperationDescriptions.Describe(new RemoveEntity(7));
        }

        using var culture = new UiCulture(name);
        Assert.Equal(chinese, OperationDescriptions.Describe(new RemoveEntity(7)));
    }

    [Fact]
    public void Describe_EveryKind_IsNonEmpty()
    {
        foreach (var row in JsonTests.EveryKind())
        {
            var op = (PageOperation)row[1];
            Assert.False(string.IsNullOrWhiteSpace(OperationDescriptions.Describe(op)));
            Assert.NotEqual(OperationDescriptions.UnknownOperation, OperationDescriptions.Describe(op));
        }
    }

    [Fact]
    public void Describe_LongTextIsShortenedWithoutSplittingCharacters()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 50));

        var description = OperationDescriptions.Describe(new SetTitle(1, "a", text));

        Assert.EndsWith("…”", description, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(description)));
    }

    [Fact]
    public void Describe_Batch_ListsItsSteps()
    {
        var batch = new Batch([new RemoveEntity(1), new RemoveEntity(2)]);

        Assert.Equal("2 changes: Removed entity 1; Removed entity 2", OperationDescriptions.Describe(batch));
    }
}

/// <summary>Sets the current UI culture for one test and puts the previous one back.</summary>
internal sealed class UiCulture : IDisposable
{
    private readonly System.Globalization.CultureInfo previous = System.Globalization.CultureInfo.CurrentUICulture;

    public UiCulture(string name) => System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(name);

    public void Dispose() => System.Globalization.CultureInfo.CurrentUICulture = previous;
}
