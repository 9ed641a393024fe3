using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Workbench.Web.Pages;

// Re-executed by UseStatusCodePagesWithReExecute with the failed request's method: a POST that ends in 401/403/404
// (an anonymous SignalR negotiate, a form of a removed member) must keep its status, not fail antiforgery with 400.
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int code)
    {
        (Heading, Explanation) = code switch
        {
            403 => ("Not allowed", "You are not a member of this project, or your role does not allow this. Ask a project admin."),
            404 => ("Not found", "There is no such page or project."),
            _ => ($"Error {code}", "Something went wrong."),
        };
    }

    public void OnPost(int code) => OnGet(code);
}
