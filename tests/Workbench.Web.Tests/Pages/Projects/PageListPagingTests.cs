using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Pages.Projects;

/// <summary>The project page lists its pages 50 at a time, in publication/date/page order, with page links.</summary>
public sealed partial class PageListPagingTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task LongProject_IsListedInPages_InOrder_WithLinksAndTotal()
    {
        var projectId = await ProjectWithPagesAsync("paging", 120);
        var client = await factory.LoginAsync("admin");

        var first = await client.GetHtmlAsync($"/Projects/{projectId}");
        var third = await client.GetHtmlAsync($"/Projects/{projectId}?p=3");
        var beyond = await client.GetHtmlAsync($"/Projects/{projectId}?p=99");

        Assert.Equal(Enumerable.Range(0, 50).Select(Name), Sources(first));
        Assert.Equal(Enumerable.Range(100, 20).Select(Name), Sources(third));
        Assert.Equal(Sources(third), Sources(beyond)); // clamped to the last page
        Assert.Contains("120 pages", first, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 3", first, StringComparison.Ordinal);
        Assert.Contains("Page 3 of 3", third, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Projects/{projectId}?p=2\"", first, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"page\" class=\"current\">3<", third, StringComparison.Ordinal);
        Assert.DoesNotContain("Next page", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_CountLinesAndArticlesByStatus_ForTheirOwnPageOnly()
    {
        var projectId = await ProjectWithPagesAsync("counts", 3);
        var client = await factory.LoginAsync("admin");

        var html = WebUtility.HtmlDecode(await client.GetHtmlAsync($"/Projects/{projectId}"));

        // Page i has i+1 lines and i+1 articles, the first of them approved.
        var row2 = Row(html, Name(2));
        Assert.Matches(@"<td class=""num"">3</td>\s*<td class=""num"">3</td>", row2);
        Assert.Matches(@"status-draft""[^>]*>2 ", row2);
        Assert.Matches(@"status-approved""[^>]*>1 ", row2);
        var row0 = Row(html, Name(0));
        Assert.Matches(@"<td class=""num"">1</td>\s*<td class=""num"">1</td>", row0);
        Assert.DoesNotContain("status-draft", row0, StringComparison.Ordinal);
        Assert.DoesNotContain("Page 1 of", html, StringComparison.Ordinal); // one page: no pager
    }

    private static string Name(int i) => $"page-{i:D4}.txt";

    private static string Row(string html, string source) =>
        Regex.Match(html, $@"<tr>\s*<td><a[^>]*>{Regex.Escape(source)}</a>.*?</tr>", RegexOptions.Singleline).Value;

    private static List<string> Sources(string html) => [.. SourcePattern().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@">(page-\d{4}\.txt)</a>")]
    private static partial Regex SourcePattern();

    private Task<int> ProjectWithPagesAsync(string name, int count) => factory.WithDbAsync(async db =>
    {
        var project = new Project { Name = $"{name}-{Guid.NewGuid():N}", CreatedAt = DateTimeOffset.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        var admin = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
        db.ProjectMembers.Add(new ProjectMember { ProjectId = project.Id, UserId = admin, Role = ProjectRole.Admin });

        // Inserted in reverse, so the list's order comes from the query, not from the ids.
        for (var i = count - 1; i >= 0; i--)
        {
            var page = new Page
            {
                ProjectId = project.Id, SourceName = Name(i), Sha256 = $"{i:x64}", Publication = "日报",
                IssueDate = new DateOnly(2020, 1, 1).AddDays(i / 10), PageNumber = i % 10 + 1, ImportedAt = DateTimeOffset.UtcNow,
            };
            for (var n = 1; n <= i + 1; n++)
            {
                page.Lines.Add(new PageLine { Number = n, Original = "字", Text = "字" });
                page.Articles.Add(new Article { Key = n, Ordinal = n - 1, Title = "文", Status = n == 1 ? ArticleStatus.Approved : ArticleStatus.Draft, Confidence = 1 });
            }

            db.Pages.Add(page);
        }

        await db.SaveChangesAsync();
        return project.Id;
    });
}
