using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

public sealed partial class MyWorkTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task MyWork_ShowsAListPageOfEachStatus_WithTheCount_AndPagesThroughTheRest()
    {
        await PageClient.CreateMembersAsync(factory, ["busy-annotator"], ProjectRole.Annotator);
        var userId = await factory.UserIdAsync("busy-annotator");
        var pages = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            pages.Add(await factory.FreshPageAsync(seed: "000a_"));
        }

        var assigned = await factory.WithDbAsync(db => db.Articles.Where(a => pages.Contains(a.PageId)).ExecuteUpdateAsync(s => s.SetProperty(a => a.AssigneeId, userId)));
        Assert.True(assigned > MyWorkModelPageSize, $"only {assigned} articles");
        var projectId = await factory.DemoProjectIdAsync();
        var client = await factory.LoginAsync("busy-annotator");

        var first = await client.GetHtmlAsync($"/Projects/{projectId}/MyWork");
        Assert.Contains($"<span class=\"muted\">{assigned}</span>", first, StringComparison.Ordinal);
        Assert.Equal(MyWorkModelPageSize, Rows(first).Count);
        Assert.Contains("?status=Draft&amp;p=2#work-draft", first, StringComparison.Ordinal);

        var second = await client.GetHtmlAsync($"/Projects/{projectId}/MyWork?status=Draft&p=2");
        var rest = Rows(second);
        Assert.Equal(Math.Min(assigned - MyWorkModelPageSize, MyWorkModelPageSize), rest.Count);
        Assert.Empty(Rows(first).Intersect(rest));
        Assert.Contains("?status=Draft&amp;p=1#work-draft", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyWork_ShowsTheArticlesTheUserSubmitted_ThatWaitForReview_EvenWhenNoneIsAssignedToThem()
    {
        await PageClient.CreateMembersAsync(factory, ["submitting-annotator"], ProjectRole.Annotator);
        var userId = await factory.UserIdAsync("submitting-annotator");
        var pageId = await factory.FreshPageAsync(seed: "000a_");
        // What the edit path keeps when the annotator submits articles of a page no one assigned to them.
        var submitted = await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId && a.Ordinal < 3)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Submitted).SetProperty(a => a.SubmittedBy, userId)
                .SetProperty(a => a.SubmittedAt, DateTimeOffset.UtcNow).SetProperty(a => a.AssigneeId, (string?)null)));
        Assert.True(submitted > 0);
        var projectId = await factory.DemoProjectIdAsync();
        var client = await factory.LoginAsync("submitting-annotator");

        var html = await client.GetHtmlAsync($"/Projects/{projectId}/MyWork");
        Assert.DoesNotContain("id=\"no-work\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"work-submitted\"", html, StringComparison.Ordinal);
        Assert.Equal(submitted, Rows(html).Count(r => r.StartsWith($"{pageId}:", StringComparison.Ordinal)));

        // Once reviewed (approved), it is no longer the submitter's: it leaves their list.
        await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Approved).SetProperty(a => a.SubmittedBy, (string?)null)));
        var after = await client.GetHtmlAsync($"/Projects/{projectId}/MyWork");
        Assert.Contains("id=\"no-work\"", after, StringComparison.Ordinal);
    }

    private const int MyWorkModelPageSize = Workbench.Web.Pages.Review.MyWorkModel.GroupSize;

    private static List<string> Rows(string html) =>
        RowPattern().Matches(html).Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}").ToList();

    [GeneratedRegex("<tr data-page=\"(\\d+)\" data-article=\"(\\d+)\"")]
    private static partial Regex RowPattern();
}
