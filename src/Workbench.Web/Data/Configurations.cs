using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Web.Data;

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

internal sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> member)
    {
        member.HasKey(m => new { m.ProjectId, m.UserId });
        member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId);
        member.Property(m => m.Role).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
    }
}

internal sealed class PageConfiguration : IEntityTypeConfiguration<Page>
{
    public void Configure(EntityTypeBuilder<Page> page)
    {
        page.Property(p => p.SourceName).HasMaxLength(Page.MaxSourceName);
        page.Property(p => p.Publication).HasMaxLength(Page.MaxPublication);
        page.Property(p => p.Sha256).HasMaxLength(ColumnLengths.Sha256Hex);
        page.Property(p => p.Format).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        page.HasIndex(p => new { p.ProjectId, p.Sha256 }).IsUnique();
        page.Property(p => p.Segmentation).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        page.Property(p => p.IssueKey).HasMaxLength(ColumnLengths.IssueKey);
        page.HasIndex(p => new { p.ProjectId, p.IssueDate, p.PageNumber });

        // The project page lists pages in this order, a page of 50 at a time: the index gives it without a sort.
        page.HasIndex(p => new { p.ProjectId, p.Publication, p.IssueDate, p.PageNumber, p.SourceName, p.Id });
        page.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PageId);
        page.HasMany(p => p.Articles).WithOne().HasForeignKey(a => a.PageId);
        page.HasMany(p => p.Entities).WithOne().HasForeignKey(e => e.PageId);
        page.OwnsOne(p => p.Image, image =>
        {
            image.Property(i => i.Path).HasMaxLength(PageImage.MaxPath);
            image.Property(i => i.ContentType).HasMaxLength(PageImage.MaxContentType);
            image.Property(i => i.Sha256).HasMaxLength(ColumnLengths.Sha256Hex);
            image.Property(i => i.OriginalName).HasMaxLength(PageImage.MaxOriginalName);
        });
        page.Navigation(p => p.Image).IsRequired(false);

        // A page still being imported in batches is no page yet: hidden from every query until its import finishes.
        page.HasQueryFilter(p => !p.Importing);
    }
}

internal sealed class ArticleLinkConfiguration : IEntityTypeConfiguration<ArticleLink>
{
    public void Configure(EntityTypeBuilder<ArticleLink> link)
    {
        link.Property(l => l.Source).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        link.HasIndex(l => new { l.FromPageId, l.FromArticleKey, l.ToPageId, l.ToArticleKey }).IsUnique();
        link.HasIndex(l => new { l.ToPageId, l.ToArticleKey });
        link.HasIndex(l => l.ProjectId);
        link.HasOne<Page>().WithMany().HasForeignKey(l => l.FromPageId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Page>().WithMany().HasForeignKey(l => l.ToPageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PageLineConfiguration : IEntityTypeConfiguration<PageLine>
{
    public void Configure(EntityTypeBuilder<PageLine> line)
    {
        line.HasKey(l => new { l.PageId, l.Number });
        line.Property(l => l.Region).HasMaxLength(ColumnLengths.RegionId);
        line.Property(l => l.RegionRole).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
    }
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

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Title).HasMaxLength(Article.MaxTitle);
        article.Property(a => a.ExternalId).HasMaxLength(ArticleLink.MaxExternalId);
        article.Property(a => a.ItemType).HasMaxLength(Article.MaxItemType);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        article.HasIndex(a => new { a.PageId, a.Key }).IsUnique();
        article.HasIndex(a => new { a.Status, a.PageId }); // the review queue: submitted articles, counted from the index alone

        // The review queue's order (oldest submission first): read from this index in order, so a page of the queue
        // costs the same whether the project has ten submitted articles or ten thousand.
        article.HasIndex(a => new { a.Status, a.SubmittedAt, a.PageId, a.Key });
        article.Property(a => a.SubmittedBy).HasMaxLength(ColumnLengths.UserId);
        article.Property(a => a.ContentChangedBy).HasMaxLength(ColumnLengths.UserId);
        article.Property(a => a.Layers).HasMaxLength(Article.MaxLayers);

        // "My work": an annotator's assigned articles.
        article.HasIndex(a => a.AssigneeId);
        article.HasMany(a => a.Blocks).WithOne().HasForeignKey(b => b.ArticleId);
    }
}

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> block)
    {
        block.Property(b => b.Role).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        block.HasIndex(b => new { b.ArticleId, b.Ordinal });
    }
}

internal sealed class EntityConfiguration : IEntityTypeConfiguration<Entity>
{
    public void Configure(EntityTypeBuilder<Entity> entity)
    {
        entity.Property(e => e.Label).HasMaxLength(Entity.MaxLabel);
        entity.Property(e => e.Source).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        entity.HasIndex(e => new { e.PageId, e.Key }).IsUnique();
        entity.Property(e => e.Layer).HasMaxLength(ColumnLengths.UserId);
    }
}

internal sealed class OperationConfiguration : IEntityTypeConfiguration<Operation>
{
    public void Configure(EntityTypeBuilder<Operation> operation)
    {
        operation.Property(o => o.Kind).HasMaxLength(Operation.MaxKind);
        operation.Property(o => o.Payload).HasField("payload");
        operation.Property(o => o.Status).HasMaxLength(Operation.MaxStatus);
        operation.Property(o => o.Layer).HasMaxLength(ColumnLengths.UserId);
        operation.Property(o => o.Replay).HasConversion<string>().HasMaxLength(ColumnLengths.ReplayName);
        operation.HasIndex(o => new { o.PageId, o.Sequence }).IsUnique();
        operation.HasIndex(o => new { o.AuthorId, o.At });
        operation.HasIndex(o => new { o.PageId, o.ArticleKey, o.Sequence });
        operation.HasIndex(o => o.At);
        operation.HasOne<Page>().WithMany().HasForeignKey(o => o.PageId);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.Language).HasMaxLength(AppUser.MaxLanguage);
    }
}
