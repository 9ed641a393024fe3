using Microsoft.Extensions.Localization;
using Workbench.Core.Segmentation;
using Workbench.Web.Data;

namespace Workbench.Web.Localization;

/// <summary>Names the UI shows for enum values, from the shared resources.</summary>
public static class SharedText
{
    public static string Role(this IStringLocalizer<SharedResource> text, ProjectRole role) => text["Role." + role];

    public static string BlockRole(this IStringLocalizer<SharedResource> text, BlockRole role) => text["BlockRole." + role];
}
