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
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => OnGet(code);
}
