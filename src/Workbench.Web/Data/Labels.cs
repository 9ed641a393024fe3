using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Web.Data;

// A project's labels and what tagging learns and remembers: patterns, rejected suggestions, the gazetteer.

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

internal sealed class LabelConfiguration : IEntityTypeConfiguration<Label>
{
    public void Configure(EntityTypeBuilder<Label> label)
    {
        label.Property(l => l.Name).HasMaxLength(Label.MaxName);
        label.Property(l => l.DisplayName).HasMaxLength(Label.MaxDisplayName);
        label.Property(l => l.Color).HasMaxLength(ColumnLengths.HexColour);
        label.HasIndex(l => new { l.ProjectId, l.Name }).IsUnique();
        label.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId);
    }
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

internal sealed class LabelPatternConfiguration : IEntityTypeConfiguration<LabelPattern>
{
    public void Configure(EntityTypeBuilder<LabelPattern> pattern)
    {
        pattern.Property(p => p.Label).HasMaxLength(Label.MaxName);
        pattern.Property(p => p.Pattern).HasMaxLength(LabelPattern.MaxPattern);
        pattern.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId);
    }
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

internal sealed class RejectedSuggestionConfiguration : IEntityTypeConfiguration<RejectedSuggestion>
{
    public void Configure(EntityTypeBuilder<RejectedSuggestion> rejected)
    {
        rejected.Property(r => r.Key).HasMaxLength(RejectedSuggestion.MaxKey);
        rejected.HasIndex(r => new { r.PageId, r.ArticleKey, r.Key }).IsUnique();
        rejected.HasOne<Page>().WithMany().HasForeignKey(r => r.PageId);
    }
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

internal sealed class GazetteerTermConfiguration : IEntityTypeConfiguration<GazetteerTerm>
{
    public void Configure(EntityTypeBuilder<GazetteerTerm> term)
    {
        term.Property(t => t.Text).HasMaxLength(GazetteerTerm.MaxText);
        term.Property(t => t.Label).HasMaxLength(Label.MaxName);
        term.HasIndex(t => t.ProjectId);
        term.HasIndex(t => new { t.PageId, t.ArticleKey });
        term.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId);
    }
}
