namespace Workbench.Web.Data;

/// <summary>Lengths of columns that share a kind of value (the model's one place for them; a migration records what they were).</summary>
public static class ColumnLengths
{
    /// <summary>An enum stored by name (<c>HasConversion&lt;string&gt;()</c>): the longest name any of them has, with room.</summary>
    public const int EnumName = 20;

    /// <summary>A user id (ASP.NET Core Identity's key length).</summary>
    public const int UserId = 450;

    /// <summary>A SHA-256 in lowercase hexadecimal.</summary>
    public const int Sha256Hex = 64;

    /// <summary>A colour as <c>#rrggbb</c>.</summary>
    public const int HexColour = 7;

    /// <summary>An undo/redo mark (<see cref="OperationReplay"/>) by name.</summary>
    public const int ReplayName = 10;

    /// <summary>An issue key (publication + date) and a line's region id.</summary>
    public const int IssueKey = 100;

    public const int RegionId = 200;
}
