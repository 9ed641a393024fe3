namespace Workbench.Core.Segmentation;

public static class BlockRoles
{
    /// <summary>The contract name of a role: "headline", "byline", ...</summary>
    public static string Name(this BlockRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out BlockRole role) =>
        Enum.TryParse(name, ignoreCase: true, out role) && Enum.IsDefined(role);
}
