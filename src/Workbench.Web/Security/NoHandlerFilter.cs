using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Workbench.Web.Security;

/// <summary>
/// A request whose verb has no handler on the page (a POST to a page with only <c>OnGet</c>) is answered 405 with an
/// <c>Allow</c> header. Razor Pages would otherwise render the page without running any handler, so without the checks
/// the handlers make (membership, role): the access sweep found non-members shown pages (empty) and 500s that way.
/// </summary>
public sealed class NoHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            context.HttpContext.Response.Headers.Allow = string.Join(", ", context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct());
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
