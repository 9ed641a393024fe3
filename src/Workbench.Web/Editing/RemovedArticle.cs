using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>
/// An article an operation removed (merged away, emptied by a move, dissolved), kept so that a <see cref="RestoreArticle"/>
/// (undo) is accepted only from the user whose operation removed it, and only as it was: its status and assignee are
/// not a way around the workflow or the assignment rules. Written and deleted by the edit path.
/// </summary>
public sealed class RemovedArticle
{
    public int PageId { get; set; }

    public int Key { get; set; }

    public required string RemovedBy { get; set; }

    /// <summary>The operation that removed it.</summary>
    public int Sequence { get; set; }

    public ArticleStatus Status { get; set; }

    public string? AssigneeId { get; set; }
}

internal sealed class RemovedArticleConfiguration : IEntityTypeConfiguration<RemovedArticle>
{
    public void Configure(EntityTypeBuilder<RemovedArticle> removed)
    {
        removed.ToTable("RemovedArticles");
        removed.HasKey(r => new { r.PageId, r.Key });
        removed.Property(r => r.RemovedBy).HasMaxLength(ColumnLengths.UserId);
        removed.Property(r => r.AssigneeId).HasMaxLength(EditLimits.MaxAssigneeId);
        removed.Property(r => r.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        removed.HasOne<Page>().WithMany().HasForeignKey(r => r.PageId).OnDelete(DeleteBehavior.Cascade);
    }
}
