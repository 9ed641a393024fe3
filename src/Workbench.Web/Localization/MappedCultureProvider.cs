using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace Workbench.Web.Localization;

/// <summary>Wraps a culture provider so what it finds (zh-CN, en-GB, …) maps onto a supported culture, or is dropped.</summary>
public sealed class MappedCultureProvider(RequestCultureProvider inner) : RequestCultureProvider
{
    public RequestCultureProvider Inner { get; } = inner;

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var found = await Inner.DetermineProviderCultureResult(httpContext);
        if (found is null)
        {
            return null;
        }

        var cultures = Map(found.Cultures);
        var uiCultures = Map(found.UICultures);
        if (uiCultures.Count == 0 && cultures.Count == 0)
        {
            return null;
        }

        return new ProviderCultureResult(cultures.Count > 0 ? cultures : uiCultures, uiCultures.Count > 0 ? uiCultures : cultures);
    }

    private static List<StringSegment> Map(IList<StringSegment> names) =>
        names.Select(n => AppCultures.Normalize(n.Value)).OfType<string>().Distinct().Select(n => new StringSegment(n)).ToList();
}

/// <summary>The signed-in user's saved language, read from the claim added at sign-in.</summary>
public sealed class UserPreferenceCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = httpContext.User.Identity?.IsAuthenticated == true
            ? AppCultures.Normalize(httpContext.User.FindFirst(AppCultures.ClaimType)?.Value)
            : null;
        return culture is null ? NullProviderCultureResult : Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
    }
}
