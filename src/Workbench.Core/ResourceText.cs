using System.Globalization;
using System.Reflection;
using System.Resources;

namespace Workbench.Core;

/// <summary>
/// Strings from a .resx pair (X.resx English, X.zh-Hans.resx Simplified Chinese) in the current UI culture
/// (<see cref="CultureInfo.CurrentUICulture"/>: set per request by the web app, from LANG or --lang by the CLI).
/// </summary>
public sealed class ResourceText(string baseName, Assembly assembly)
{
    private readonly ResourceManager resources = new(baseName, assembly);

    /// <summary>The text for <paramref name="key"/>; the key itself when it is missing (the resx check test catches that).</summary>
    public string Get(string key) => resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The text for <paramref name="key"/> with its {0}… placeholders filled (numbers written invariantly, as line numbers are; plural forms, see <see cref="PluralFormat"/>).</summary>
    public string Format(string key, params object?[] args) => string.Format(PluralFormat.Invariant, Get(key), args);
}

/// <summary>The Core's user-facing messages: <c>Resources/CoreMessages(.zh-Hans).resx</c>.</summary>
public static class CoreText
{
    public static ResourceText Messages { get; } = new("Workbench.Core.Resources.CoreMessages", typeof(CoreText).Assembly);

    public static string Get(string key) => Messages.Get(key);

    public static string Format(string key, params object?[] args) => Messages.Format(key, args);
}
