using Microsoft.Extensions.Localization;
using Workbench.Core.Segmentation;
using Workbench.Web.Data;

namespace Workbench.Web.Localization;

/// <summary>Names the UI shows for enum values, from the shared resources.</summary>
public static class SharedText
{
    /// <summary>The shared strings for code without a localizer (static helpers, the CLI).</summary>
    public static Core.ResourceText Static { get; } = new("Workbench.Web.Resources.SharedResource", typeof(SharedText).Assembly);

    public static string RoleName(ProjectRole role) => Static.Get("Role." + role);

    public static string Role(this IStringLocalizer<SharedResource> text, ProjectRole role) => text["Role." + role];

    public static string BlockRole(this IStringLocalizer<SharedResource> text, BlockRole role) => text["BlockRole." + role];
}
