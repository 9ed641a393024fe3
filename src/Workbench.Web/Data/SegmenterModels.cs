using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Web.Data;

// A project's trained segmentation models.

/// <summary>
/// A segmentation model trained on a project's approved pages (see <c>ProjectSegmenters</c>): the model file, what it was trained on,
/// and its B-cubed F1 on the project's held-out pages beside the rules' (and the base model's) on the same pages. New imports use it
/// only when <see cref="Active"/>: it beat the rules there.
/// </summary>
public sealed class SegmenterModel
{
    public int Id { get; set; }

    public int ProjectId { get; set; }

    /// <summary>1 for the project's first model, then one more per training.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    public required byte[] Bytes { get; set; }

    public int TrainingPages { get; set; }

    public int TrainingLines { get; set; }

    public int TrainingArticles { get; set; }

    public int HeldOutPages { get; set; }

    public double ModelF1 { get; set; }

    public double RulesF1 { get; set; }

    /// <summary>The shipped base model's F1 on the same held-out pages; null when the app has no base model.</summary>
    public double? BaseF1 { get; set; }

    public bool Active { get; set; }

    public long TrainingMilliseconds { get; set; }
}

internal sealed class SegmenterModelConfiguration : IEntityTypeConfiguration<SegmenterModel>
{
    public void Configure(EntityTypeBuilder<SegmenterModel> model)
    {
        model.HasIndex(m => new { m.ProjectId, m.Version }).IsUnique();
        model.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId);
        model.Property(m => m.CreatedById).HasMaxLength(ColumnLengths.UserId);
    }
}
