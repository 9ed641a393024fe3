using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
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

    private const int MyWorkModelPageSize = Pages.Review.MyWorkModel.GroupSize;

    private static List<string> Rows(string html) =>
        RowPattern().Matches(html).Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}").ToList();

    [GeneratedRegex("<tr data-page=\"(\\d+)\" data-article=\"(\\d+)\"")]
    private static partial Regex RowPattern();
}
