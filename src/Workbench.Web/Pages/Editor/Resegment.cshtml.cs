using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;
using Workbench.Web.Localization;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Editor;

public sealed class ResegmentModel(WorkbenchDbContext db, ProjectAccess access, PageStateCache cache, IStringLocalizer<EditorText> text, IHubContext<PageHub, IPageClient> hub) : PageModel
{
    public int PageId { get; private set; }

    public string SourceName { get; private set; } = "";

    public int Version { get; private set; }

    public bool CanApply => Version == 0;

    public bool Changed => Current.Any(a => a.Change != OutlineChange.Same) || Proposed.Any(a => a.Change != OutlineChange.Same);

    public string Summary { get; private set; } = "";

    public string? Message { get; private set; }

    public IReadOnlyList<ArticleOutline> Current { get; private set; } = [];

    public IReadOnlyList<ArticleOutline> Proposed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int pageId, CancellationToken cancellationToken) =>
        await LoadAsync(pageId, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int pageId, CancellationToken cancellationToken)
    {
        var refused = await LoadAsync(pageId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var loaded = (await PageStore.LoadAsync(db, pageId, cancellationToken))!.Value;
        if (!CanApply || !await Resegmentation.ApplyAsync(db, cache, pageId, await Resegmentation.ProposeAsync(db, loaded.Page, cancellationToken), cancellationToken))
        {
            Message = text["Resegment.EditedMeanwhile"];
            await LoadAsync(pageId, cancellationToken);
            return Page();
        }

        // Everyone with the page open holds the old articles at the same version: they take the new ones, and are told why.
        await hub.Clients.Group(PageHub.GroupFor(pageId)).PageReset(pageId, text["Resegment.Reset"]);
        return RedirectToPage("/Editor/Index", new { pageId });
    }

    private async Task<IActionResult?> LoadAsync(int pageId, CancellationToken cancellationToken)
    {
        var (projectId, role) = await access.RoleForPageAsync(ProjectAccess.UserId(User), pageId, cancellationToken);
        if (projectId is null)
        {
            return NotFound();
        }

        if (!ProjectAccess.Allows(role, ProjectRole.Admin))
        {
            return Forbid();
        }

        var (page, state) = (await PageStore.LoadAsync(db, pageId, cancellationToken))!.Value;
        (PageId, SourceName, Version) = (pageId, page.SourceName, state.Version);
        if (CanApply)
        {
            (Current, Proposed) = Resegmentation.Compare(state, await Resegmentation.ProposeAsync(db, page, cancellationToken));
            var added = Proposed.Count(a => a.Change == OutlineChange.Added);
            var removed = Current.Count(a => a.Change == OutlineChange.Removed);
            Summary = Changed ? text["Resegment.Summary", removed, added, Proposed.Count - added] : text["Resegment.Same"];
        }

        return null;
    }
}
