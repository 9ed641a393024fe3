namespace Workbench.Web.Data;

/// <summary>An entity label of a project. A retired label stays on existing entities and in exports, but cannot be chosen for new ones.</summary>
public sealed class Label
{
    public const int MaxName = 50;
    public const int MaxDisplayName = 100;

    public int Id { get; set; }

    public int ProjectId { get; set; }

    public required string Name { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>#rrggbb.</summary>
    public required string Color { get; set; }

    /// <summary>1–9, unique among the project's active labels.</summary>
    public int? Hotkey { get; set; }

    public bool Retired { get; set; }

    public int Ordinal { get; set; }
}

/// <summary>An admin's pattern rule: text matching <see cref="Pattern"/> (a .NET regular expression) is suggested as <see cref="Label"/>.</summary>
public sealed class LabelPattern
{
    public const int MaxPattern = 500;

    public int Id { get; set; }

    public int ProjectId { get; set; }

    public required string Label { get; set; }

    public required string Pattern { get; set; }
}

/// <summary>A suggestion an editor rejected on an article; it does not come back there.</summary>
public sealed class RejectedSuggestion
{
    public const int MaxKey = 400;

    public long Id { get; set; }

    public int PageId { get; set; }

    public int ArticleKey { get; set; }

    public required string Key { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A comment on an article; a request for changes opens with one.</summary>
public sealed class Comment
{
    public const int MaxText = 4000;

    public long Id { get; set; }

    public int PageId { get; set; }

    public int ArticleKey { get; set; }

    public required string AuthorId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Text { get; set; }

    /// <summary>The operation sequence this comment went with (a request for changes), if any.</summary>
    public int? Sequence { get; set; }
}

/// <summary>
/// An entity of an approved article, kept as a gazetteer term of its project: suggestions learn from approved work.
/// Written when an article is approved, removed when it is reopened.
/// </summary>
public sealed class GazetteerTerm
{
    public const int MaxText = 200;

    public long Id { get; set; }

    public int ProjectId { get; set; }

    public int PageId { get; set; }

    public int ArticleKey { get; set; }

    public required string Text { get; set; }

    public required string Label { get; set; }
}
