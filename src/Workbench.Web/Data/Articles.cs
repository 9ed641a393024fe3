using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;

namespace Workbench.Web.Data;

// A page's articles, their blocks and entities (the rows of the page state).

public sealed class Article
{
    public const int MaxTitle = 500;
    public const int MaxItemType = 100;

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

    /// <summary>The article's id in the file it came from (METS logical div ID, Transkribus structure id); null when segmented here.</summary>
    public string? ExternalId { get; set; }

    /// <summary>
    /// The kind of item the file declares, as it writes it (METS div TYPE: ARTICLE, ADVERTISEMENT, ILLUSTRATION, TABLE…); null when the
    /// file says nothing. Shown on the card when it is not an article, and exported as <c>itemType</c>.
    /// </summary>
    public string? ItemType { get; set; }

    /// <summary>When the article was last submitted for review, while it is submitted (the review queue's order); kept by the edit path.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Who submitted it (the user id of that status change), while it is submitted.</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>
    /// Who made the latest content change (text, boundaries, roles, title, entities) to the article, also when one operation
    /// changed several articles; kept by the edit path. The self-approval rule reads it.
    /// </summary>
    public string? ContentChangedBy { get; set; }

    /// <summary>Independent mode: the article's entity layers (<see cref="ArticleLayers"/>, JSON); null when it has none.</summary>
    public string? Layers { get; set; }

    public const int MaxLayers = 8000;

    public List<Block> Blocks { get; } = [];
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

public sealed class Block
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public int Ordinal { get; set; }

    public BlockRole Role { get; set; }

    public int FirstLine { get; set; }

    public int LastLine { get; set; }
}

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> block)
    {
        block.Property(b => b.Role).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        block.HasIndex(b => new { b.ArticleId, b.Ordinal });
    }
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

    /// <summary>The annotator (user id) whose independent layer holds the entity; null: gold.</summary>
    public string? Layer { get; set; }
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
