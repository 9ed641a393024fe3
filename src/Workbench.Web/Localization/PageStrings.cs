using Microsoft.Extensions.Localization;

namespace Workbench.Web.Localization;

/// <summary>
/// A page's own strings live in one resource pair beside its view's path (Resources/Pages/Projects/Details.resx for
/// Pages/Projects/Details.cshtml): the view reads them with IViewLocalizer, its PageModel through <see cref="For"/>.
/// </summary>
public static class PageStrings
{
    private static readonly string AssemblyName = typeof(PageStrings).Assembly.GetName().Name!;

    /// <param name="page">The page's path under Pages/ without extension, e.g. "Projects/Details".</param>
    public static IStringLocalizer For(this IStringLocalizerFactory factory, string page) =>
        factory.Create("Pages." + page.Replace('/', '.'), AssemblyName);
}

/// <summary>The executing page's own strings, found from its path (for PageModels without a constructor slot for them).</summary>
public static class PageModelText
{
    public static IStringLocalizer Text(this Microsoft.AspNetCore.Mvc.RazorPages.PageModel page)
    {
        var path = page.PageContext.ActionDescriptor.RelativePath; // "/Pages/Projects/Labels.cshtml"
        var trimmed = path.StartsWith("/Pages/", StringComparison.Ordinal) ? path["/Pages/".Length..] : path.TrimStart('/');
        if (trimmed.EndsWith(".cshtml", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^".cshtml".Length];
        }

        return page.HttpContext.RequestServices.GetRequiredService<IStringLocalizerFactory>().For(trimmed);
    }
}
