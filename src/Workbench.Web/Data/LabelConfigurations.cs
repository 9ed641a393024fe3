using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Web.Data;

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

internal sealed class LabelPatternConfiguration : IEntityTypeConfiguration<LabelPattern>
{
    public void Configure(EntityTypeBuilder<LabelPattern> pattern)
    {
        pattern.Property(p => p.Label).HasMaxLength(Label.MaxName);
        pattern.Property(p => p.Pattern).HasMaxLength(LabelPattern.MaxPattern);
        pattern.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId);
    }
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

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.Property(c => c.Text).HasMaxLength(Comment.MaxText);
        comment.HasIndex(c => new { c.PageId, c.ArticleKey, c.At });
        comment.HasOne<Page>().WithMany().HasForeignKey(c => c.PageId);
    }
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
