using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Workbench.Web.Localization;

/// <summary>The languages Workbench speaks and how a requested culture name maps onto one of them.</summary>
public static class AppCultures
{
    public const string English = "en";
    public const string Chinese = "zh-Hans";

    /// <summary>The claim carrying the signed-in user's saved language (added at sign-in, refreshed on a switch).</summary>
    public const string ClaimType = "workbench:language";

    public static readonly IReadOnlyList<string> Supported = [English, Chinese];

    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>
    /// The supported culture a requested name stands for, or null: zh, zh-CN, zh-SG, zh-Hans-* read as zh-Hans
    /// (browsers send zh-CN); en-* reads as en. Traditional Chinese and other languages are not mapped.
    /// </summary>
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var parts = name.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        var language = parts[0].ToLowerInvariant();
        if (language == "en")
        {
            return English;
        }

        if (language != "zh")
        {
            return null;
        }

        var rest = parts.Skip(1).Select(p => p.ToUpperInvariant()).ToList();
        if (rest.Contains("HANT") || rest.Contains("TW") || rest.Contains("HK") || rest.Contains("MO"))
        {
            return null;
        }

        return Chinese;
    }

    /// <summary>The supported culture for a name, English when the name is unknown.</summary>
    public static CultureInfo CultureFor(string? name) => CultureInfo.GetCultureInfo(Normalize(name) ?? English);

    /// <summary>Runs <paramref name="action"/> with both the UI and the formatting culture set to <paramref name="culture"/>.</summary>
    public static T With<T>(CultureInfo culture, Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
