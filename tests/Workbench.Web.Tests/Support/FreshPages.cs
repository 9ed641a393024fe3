using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Data;

namespace Workbench.Web.Tests.Support;

public static class FreshPages
{
    /// <summary>A new copy of a sample page in the demo project, so tests do not see each other's changes.</summary>
    public static async Task<int> FreshPageAsync(this WorkbenchFactory factory, string seed = "002_", string? publication = null, DateOnly? issueDate = null)
    {
        var projectId = await factory.DemoProjectIdAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<Workbench.Web.Import.PageImporter>();
        var bytes = await File.ReadAllBytesAsync(Repository.SeedPath(seed));
        var unique = System.Text.Encoding.UTF8.GetBytes($"\n{Guid.NewGuid():N}");
        var outcome = await importer.ImportAsync(projectId, $"copy-{Guid.NewGuid():N}.txt", [.. bytes, .. unique]);
        var pageId = outcome.PageId!.Value;
        if (publication is not null || issueDate is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            await db.Pages.Where(p => p.Id == pageId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Publication, publication).SetProperty(p => p.IssueDate, issueDate));
        }

        return pageId;
    }

    public static Task<string> UserIdAsync(this WorkbenchFactory factory, string userName) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static Task<List<int>> ArticleKeysAsync(this WorkbenchFactory factory, int pageId) =>
        factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId).OrderBy(a => a.Ordinal).Select(a => a.Key).ToListAsync());
}
