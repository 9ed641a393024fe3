using System.Globalization;

namespace Workbench.Core;

/// <summary>
/// Plurals in resource strings: <c>{1} {1:plural:article|articles}</c> writes "1 article" and "2 articles". The first form
/// is for exactly one, the last for every other count; a language without plural forms writes the word once
/// (<c>{1} 篇文章</c>). Messages formatted through <see cref="ResourceText.Format"/> understand it; Razor pages format such
/// strings with <see cref="Format(string, object?[])"/>, and the browser's <c>fmt</c> (wwwroot/js/strings.js) does the same.
/// </summary>
public sealed class PluralFormat(IFormatProvider inner) : IFormatProvider, ICustomFormatter
{
    private const string Prefix = "plural:";

    public static PluralFormat Invariant { get; } = new(CultureInfo.InvariantCulture);

    /// <summary>Fills a template in the current culture, plural forms included.</summary>
    public static string Format(string template, params object?[] args) => string.Format(new PluralFormat(CultureInfo.CurrentCulture), template, args);

    public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : inner.GetFormat(formatType);

    public string Format(string? format, object? arg, IFormatProvider? formatProvider)
    {
        if (format is not null && format.StartsWith(Prefix, StringComparison.Ordinal) && arg is IConvertible number)
        {
            var forms = format[Prefix.Length..].Split('|');
            return number.ToDecimal(CultureInfo.InvariantCulture) == 1 ? forms[0] : forms[^1];
        }

        return arg switch
        {
            IFormattable formattable => formattable.ToString(format, inner),
            null => "",
            _ => arg.ToString() ?? "",
        };
    }
}
