using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workbench.Web.Security;
using Workbench.Web.Editing;

namespace Workbench.Web.Pages.Editor;

public sealed class IndexModel(EditorStateLoader loader) : PageModel
{
    public EditorState State { get; private set; } = null!;

    /// <summary>The signed-in user's id, so the browser can tell its own operations from others'.</summary>
    public string? UserId { get; private set; }

    /// <summary>The issue date in the UI culture's long date format, or null when the page has none.</summary>
    public string? IssueDateText => DateOnly.TryParseExact(State.Page.IssueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        ? date.ToString("D", CultureInfo.CurrentCulture)
        : State.Page.IssueDate;

    public async Task<IActionResult> OnGetAsync(int pageId, CancellationToken cancellationToken)
    {
        var (outcome, state) = await loader.LoadAsync(ProjectAccess.UserId(User), pageId, cancellationToken);
        switch (outcome)
        {
            case LoadOutcome.NotFound:
                return NotFound();
            case LoadOutcome.Forbidden:
                return Forbid();
        }

        State = state!;
        UserId = ProjectAccess.UserId(User);
        return Page();
    }
}
