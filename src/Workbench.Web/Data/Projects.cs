using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Web.Data;

// People and projects: users, projects, their members and settings.

public sealed class AppUser : IdentityUser
{
    public const int MaxDisplayName = 100;
    public const int MaxLanguage = 16;

    public string? DisplayName { get; set; }

    /// <summary>The UI language the user chose (a supported culture name such as zh-Hans); null: follow the browser.</summary>
    public string? Language { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.Language).HasMaxLength(AppUser.MaxLanguage);
    }
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

    /// <summary>Shared (everyone edits one entity layer, live) or independent (each annotator their own layer, curated into gold).</summary>
    public AnnotationMode AnnotationMode { get; set; }

    /// <summary>Independent mode: the layers an article needs before annotators see each other's and a curator merges them.</summary>
    public int AnnotatorsPerArticle { get; set; } = DefaultAnnotatorsPerArticle;

    public const int DefaultAnnotatorsPerArticle = 2;

    public const int MaxAnnotatorsPerArticle = 10;

    public List<ProjectMember> Members { get; } = [];

    public List<Page> Pages { get; } = [];
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.Property(p => p.Name).HasMaxLength(Project.MaxName);
        project.HasIndex(p => p.Name).IsUnique();
        project.Property(p => p.AnnotationMode).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        project.Property(p => p.AnnotatorsPerArticle).HasDefaultValue(Project.DefaultAnnotatorsPerArticle);
        project.HasMany(p => p.Members).WithOne(m => m.Project).HasForeignKey(m => m.ProjectId);
        project.HasMany(p => p.Pages).WithOne(p => p.Project).HasForeignKey(p => p.ProjectId);
    }
}

/// <summary>How a project's annotators tag entities (issue #19).</summary>
public enum AnnotationMode
{
    /// <summary>One entity layer per page, edited by everyone live: the gold layer.</summary>
    Shared,

    /// <summary>Each annotator tags in their own layer, unseen by the others until every layer of the article is submitted; a curator merges them into gold.</summary>
    Independent,
}

public sealed class ProjectMember
{
    public int ProjectId { get; set; }

    public required string UserId { get; set; }

    public ProjectRole Role { get; set; }

    public Project? Project { get; set; }

    public AppUser? User { get; set; }
}

internal sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> member)
    {
        member.HasKey(m => new { m.ProjectId, m.UserId });
        member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId);
        member.Property(m => m.Role).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
    }
}
