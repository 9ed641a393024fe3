using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Editing;

/// <summary>Builds small pages for tests and applies operations that are expected to succeed.</summary>
internal static class PageBuilder
{
    /// <summary>One article ("Article 1") holding all lines in one body block.</summary>
    public static PageState WithLines(params string[] lines) => Build(lines, [(BlockRole.Body, 1, lines.Length)]);

    /// <summary>Articles "Article 1".."Article n", each a list of (role, first, last) blocks.</summary>
    public static PageState Build(string[] lines, params (BlockRole Role, int First, int Last)[][] articles) =>
        PageStates.FromSegmentation(Segmentation(lines, articles));

    public static PageSegmentation Segmentation(string[] lines, params (BlockRole Role, int First, int Last)[][] articles)
    {
        var page = new SourcePage("test.txt", SourceFormat.Text, [.. lines.Select((t, i) => new SourceLine(i + 1, t))]);
        return new PageSegmentation(page, [.. articles.Select((a, i) => new SegmentArticle($"Article {i + 1}", [.. a.Select(b => new SegmentBlock(b.Role, b.First, b.Last))]))]);
    }

    public static OperationResult.Applied Applied(this PageState state, PageOperation op)
    {
        var result = PageEditor.Apply(state, op);
        var applied = Assert.IsType<OperationResult.Applied>(result, exactMatch: false);
        return applied;
    }

    public static PageState Then(this PageState state, PageOperation op) => state.Applied(op).NewState;

    /// <summary>Takes article <paramref name="key"/> through the workflow to approved (submitted first, unless it is).</summary>
    public static PageState Approve(this PageState state, int key)
    {
        var status = state.FindArticle(key)!.Status;
        return status == ArticleStatus.Submitted
            ? state.Then(new SetStatus(key, status, ArticleStatus.Approved))
            : state.Then(new Batch([new SetStatus(key, status, ArticleStatus.Submitted), new SetStatus(key, ArticleStatus.Submitted, ArticleStatus.Approved)]));
    }

    public static OperationResult.Rejected Rejected(this PageState state, PageOperation op) =>
        Assert.IsType<OperationResult.Rejected>(PageEditor.Apply(state, op));

    /// <summary>Tags the first occurrence of <paramref name="text"/> on <paramref name="line"/>.</summary>
    public static PageState Tag(this PageState state, string label, int line, string text)
    {
        var offset = state.Lines[line].Text.IndexOf(text, StringComparison.Ordinal);
        Assert.True(offset >= 0, $"“{text}” is not on line {line}");
        return state.Then(new AddEntity(label, new Anchor(line, offset), new Anchor(line, offset + text.Length), text));
    }

    public static void AssertInverseRestores(PageState before, PageOperation op)
    {
        var applied = before.Applied(op);
        var back = applied.NewState.Applied(applied.Inverse).NewState;
        Assert.Equal(PageStates.ToCanonicalJson(before, false), PageStates.ToCanonicalJson(back, false));
    }

    /// <summary>A page with two articles, CJK and Latin text, a blank line and non-BMP characters.</summary>
    public static PageState Sample() => Build(
        [
            "乌兰察布市召开会议",      // 1
            "徐振朋主持会议并讲话",    // 2
            "",                      // 3
            "会议指出𠀀要推进工作",     // 4
            "A quick brown fox jum-", // 5
            "ped over the lazy dog.", // 6
            "😀 emoji line 😀",       // 7
            "第二篇文章的标题",         // 8
            "第二篇文章的正文内容",      // 9
            "继续正文",                // 10
        ],
        [(BlockRole.Headline, 1, 1), (BlockRole.Body, 2, 7)],
        [(BlockRole.Headline, 8, 8), (BlockRole.Body, 9, 10)]);
}
