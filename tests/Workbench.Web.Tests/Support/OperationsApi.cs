using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Tests.Support;

/// <summary>Applies operations through the HTTP edit endpoint, as a logged-in client.</summary>
public static class OperationsApi
{
    public static async Task<(HttpStatusCode Status, JsonElement Outcome)> ApplyAsync(this HttpClient client, int pageId, PageOperation operation, string? comment = null, int? seenVersion = null)
    {
        var version = seenVersion ?? (await client.GetFromJsonAsync<JsonElement>($"/api/pages/{pageId}/state")).GetProperty("page").GetProperty("version").GetInt32();
        using var body = JsonDocument.Parse(PageOperationJson.Serialize(operation));
        var response = await client.PostAsJsonAsync($"/api/pages/{pageId}/operations", new { seenVersion = version, operation = body.RootElement, comment });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<ArticleStatus> StatusAsync(this WorkbenchFactory factory, int pageId, int articleKey) =>
        await factory.WithDbAsync(db => Task.FromResult(db.Articles.Where(a => a.PageId == pageId && a.Key == articleKey).Select(a => a.Status).Single()));

    /// <summary>Puts an article straight into a status (test setup only; the workflow itself is what the tests exercise).</summary>
    /// <summary>Sets a status behind the edit path's back (without moving the version), so it also drops the page's cached state, as any such writer must.</summary>
    public static async Task<int> ForceStatusAsync(this WorkbenchFactory factory, int pageId, int articleKey, ArticleStatus status)
    {
        var changed = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Articles.Where(a => a.PageId == pageId && a.Key == articleKey),
            s => s.SetProperty(a => a.Status, status)));
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Workbench.Web.Editing.PageStateCache>(factory.Services).Forget(pageId);
        return changed;
    }
}
