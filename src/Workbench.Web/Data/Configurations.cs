using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workbench.Web.Data;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.Property(p => p.Name).HasMaxLength(Project.MaxName);
        project.HasIndex(p => p.Name).IsUnique();
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
        member.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PageConfiguration : IEntityTypeConfiguration<Page>
{
    public void Configure(EntityTypeBuilder<Page> page)
    {
        page.Property(p => p.SourceName).HasMaxLength(Page.MaxSourceName);
        page.Property(p => p.Publication).HasMaxLength(Page.MaxPublication);
        page.Property(p => p.Sha256).HasMaxLength(64);
        page.Property(p => p.Format).HasConversion<string>().HasMaxLength(20);
        page.HasIndex(p => new { p.ProjectId, p.Sha256 }).IsUnique();
        page.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.PageId);
        page.HasMany(p => p.Articles).WithOne().HasForeignKey(a => a.PageId);
        page.HasMany(p => p.Entities).WithOne().HasForeignKey(e => e.PageId);
    }
}

internal sealed class PageLineConfiguration : IEntityTypeConfiguration<PageLine>
{
    public void Configure(EntityTypeBuilder<PageLine> line) => line.HasKey(l => new { l.PageId, l.Number });
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Title).HasMaxLength(Article.MaxTitle);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        article.HasIndex(a => new { a.PageId, a.Key }).IsUnique();
        article.HasIndex(a => a.Status);
        article.HasMany(a => a.Blocks).WithOne().HasForeignKey(b => b.ArticleId);
    }
}

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> block)
    {
        block.Property(b => b.Role).HasConversion<string>().HasMaxLength(20);
        block.HasIndex(b => new { b.ArticleId, b.Ordinal });
    }
}

internal sealed class EntityConfiguration : IEntityTypeConfiguration<Entity>
{
    public void Configure(EntityTypeBuilder<Entity> entity)
    {
        entity.Property(e => e.Label).HasMaxLength(Entity.MaxLabel);
        entity.Property(e => e.Source).HasConversion<string>().HasMaxLength(20);
        entity.HasIndex(e => new { e.PageId, e.Key }).IsUnique();
    }
}

internal sealed class OperationConfiguration : IEntityTypeConfiguration<Operation>
{
    public void Configure(EntityTypeBuilder<Operation> operation)
    {
        operation.Property(o => o.Kind).HasMaxLength(Operation.MaxKind);
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
