using System.Globalization;
using System.Resources;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Editing;

/// <summary>
/// The words of <see cref="OperationDescriptions"/> in <see cref="CultureInfo.CurrentUICulture"/>:
/// Resources/OperationStrings.resx (English, also the fallback) and OperationStrings.zh-Hans.resx.
/// </summary>
public static class OperationStrings
{
    /// <summary>The resource manager of Resources/OperationStrings*.resx.</summary>
    public static ResourceManager Resources { get; } = new("Workbench.Core.Resources.OperationStrings", typeof(OperationStrings).Assembly);

    /// <summary>The text of <paramref name="key"/> in the current UI culture; the key itself when it is missing everywhere.</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>A template of <paramref name="key"/> filled with <paramref name="args"/> (numbers without grouping).</summary>
    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, Get(key), args);

    /// <summary>How a block role reads for people ("byline", "署名").</summary>
    public static string RoleWords(BlockRole role) => Get("Role." + role.Name());

    /// <summary>How a status reads for people ("in progress", "进行中").</summary>
    public static string StatusWords(ArticleStatus status) => Get("Status." + PageEditor.StatusName(status));
}
