using Microsoft.AspNetCore.Identity;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Web.Data;

public sealed class AppUser : IdentityUser
{
    public const int MaxDisplayName = 100;
    public const int MaxLanguage = 16;

    public string? DisplayName { get; set; }

    /// <summary>The UI language the user chose (a supported culture name such as zh-Hans); null: follow the browser.</summary>
    public string? Language { get; set; }
}

public enum ProjectRole
{
    Annotator,
    Reviewer,
    Admin,
}

public sealed class Project
{
    public const int MaxName = 200;

    public int Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Lets a reviewer approve an article whose last content change is their own (one-person teams).</summary>
    public bool AllowSelfReview { get; set; }

    public List<ProjectMember> Members { get; } = [];

    public List<Page> Pages { get; } = [];
}

public sealed class ProjectMember
{
    public int ProjectId { get; set; }

    public required string UserId { get; set; }

    public ProjectRole Role { get; set; }

    public Project? Project { get; set; }

    public AppUser? User { get; set; }
}

public sealed class Page
{
    public const int MaxSourceName = 260;
    public const int MaxPublication = 200;

    public int Id { get; set; }

    public int ProjectId { get; set; }

    public required string SourceName { get; set; }

    public SourceFormat Format { get; set; }

    /// <summary>Hex SHA-256 of the source bytes; unique within a project so a re-import is skipped.</summary>
    public required string Sha256 { get; set; }

    public string? Publication { get; set; }

    public DateOnly? IssueDate { get; set; }

    public int? PageNumber { get; set; }

    /// <summary>The last applied operation's sequence number; 0 after import. The concurrency token of every edit.</summary>
    public int Version { get; set; }

    public int NextArticleKey { get; set; }

    public int NextEntityKey { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public Project? Project { get; set; }

    public List<PageLine> Lines { get; } = [];

    public List<Article> Articles { get; } = [];

    public List<Entity> Entities { get; } = [];
}

public sealed class PageLine
{
    public int PageId { get; set; }

    public int Number { get; set; }

    public required string Original { get; set; }

    public required string Text { get; set; }
}

public sealed class Article
{
    public const int MaxTitle = 500;

    public int Id { get; set; }

    public int PageId { get; set; }

    /// <summary>The article's key on its page, as Core's operations know it.</summary>
    public int Key { get; set; }

    public int Ordinal { get; set; }

    public required string Title { get; set; }

    public ArticleStatus Status { get; set; }

    public string? AssigneeId { get; set; }

    /// <summary>The segmenter's confidence in the boundary that opens this article.</summary>
    public double Confidence { get; set; }

    public List<Block> Blocks { get; } = [];
}

public sealed class Block
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public int Ordinal { get; set; }

    public BlockRole Role { get; set; }

    public int FirstLine { get; set; }

    public int LastLine { get; set; }
}

public sealed class Entity
{
    public const int MaxLabel = 50;

    public int Id { get; set; }

    public int PageId { get; set; }

    public int Key { get; set; }

    public required string Label { get; set; }

    public int StartLine { get; set; }

    public int StartOffset { get; set; }

    public int EndLine { get; set; }

    public int EndOffset { get; set; }

    public required string Text { get; set; }

    public EntitySource Source { get; set; }
}

/// <summary>One entry of a page's append-only operation log: the audit trail and how clients catch up.</summary>
public sealed class Operation
{
    public const int MaxKind = 50;

    public long Id { get; set; }

    public int PageId { get; set; }

    public int Sequence { get; set; }

    public required string AuthorId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Kind { get; set; }

    /// <summary>The article the operation acted on, when it acted on one (for review rules, filters and the audit).</summary>
    public int? ArticleKey { get; set; }

    /// <summary>True when the operation changed content (text, boundaries, roles, titles, entities), not only status or assignment.</summary>
    public bool ChangesContent { get; set; }

    public required string Payload { get; set; }
}
