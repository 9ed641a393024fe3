using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

public sealed class DashboardTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task Dashboard_ShowsTheNumbersOfASmallKnownProject()
    {
        var (projectId, pageId) = await SmallProjectAsync();
        var keys = await factory.ArticleKeysAsync(pageId);
        await factory.ForceStatusAsync(pageId, keys[0], ArticleStatus.Approved);
        var annotator = await factory.LoginAsync("annotator");
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(keys[1], ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        var label = await factory.WithDbAsync(db => db.Labels.Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).FirstAsync());
        await factory.WithDbAsync(async db =>
        {
            db.Entities.Add(new Entity { PageId = pageId, Key = 9001, Label = label.Name, StartLine = 1, StartOffset = 0, EndLine = 1, EndOffset = 1, Text = "x" });
            db.Entities.Add(new Entity { PageId = pageId, Key = 9002, Label = label.Name, StartLine = 2, StartOffset = 0, EndLine = 2, EndOffset = 1, Text = "y" });
            await db.SaveChangesAsync();
            return await db.Lines.Where(l => l.PageId == pageId && l.Number <= 3).ExecuteUpdateAsync(s => s.SetProperty(l => l.Text, l => l.Text + "改"));
        });

        var html = await annotator.GetHtmlAsync($"/Projects/{projectId}/Dashboard");

        var total = keys.Count;
        Assert.Contains($"<strong>{100 / total}%</strong> approved <span class=\"muted\">(1 of {total} articles)</span>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tile-corrected\"><span class=\"tile-number\">3</span>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tile-pages\"><span class=\"tile-number\">1</span>", html, StringComparison.Ordinal);
        Assert.Contains("0 not started · 1 under way · 0 approved", html, StringComparison.Ordinal);
        Assert.Contains($"data-status=\"seg-submitted\"><span class=\"key seg-submitted\"></span>submitted <strong>1</strong>", html, StringComparison.Ordinal);
        Assert.Contains($"data-status=\"seg-draft\"><span class=\"key seg-draft\"></span>draft <strong>{total - 2}</strong>", html, StringComparison.Ordinal);
        Assert.Matches($"data-label=\"{label.Name}\">[\\s\\S]*?<td class=\"num\">2</td>", html);
        Assert.Matches("data-member=\"annotator\">[\\s\\S]*?<td class=\"num ops\">1</td>\\s*<td class=\"num submitted\">1</td>\\s*<td class=\"num approved\">0</td>", html);
        Assert.Contains("<svg id=\"activity-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"status-chart\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_IsForEveryMember_NotForOutsiders()
    {
        var projectId = await factory.DemoProjectIdAsync();
        await factory.CreateOutsiderAsync("dash-outsider");

        Assert.Equal(HttpStatusCode.OK, (await (await factory.LoginAsync("annotator")).GetAsync($"/Projects/{projectId}/Dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.LoginAsync("dash-outsider")).GetAsync($"/Projects/{projectId}/Dashboard")).StatusCode);
    }

    /// <summary>A project of its own with one page, the demo annotator and admin as members.</summary>
    private async Task<(int ProjectId, int PageId)> SmallProjectAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var project = await ProjectService.GetOrCreateAsync(db, $"Dashboard {Guid.NewGuid():N}", TimeProvider.System);
        foreach (var (name, role) in new[] { ("annotator", ProjectRole.Annotator), ("admin", ProjectRole.Admin) })
        {
            db.ProjectMembers.Add(new ProjectMember { ProjectId = project.Id, UserId = await factory.UserIdAsync(name), Role = role });
        }

        await db.SaveChangesAsync();
        var importer = scope.ServiceProvider.GetRequiredService<Workbench.Web.Import.PageImporter>();
        var outcome = await importer.ImportAsync(project.Id, "small.txt", await File.ReadAllBytesAsync(Repository.SeedPath("002_")));
        return (project.Id, outcome.PageId!.Value);
    }
}
