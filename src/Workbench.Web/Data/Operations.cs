using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workbench.Core.Editing;

namespace Workbench.Web.Data;

// The operation log and comments: what happened to a page, by whom.

/// <summary>How the author's browser sent an operation: as the undo or the redo of an earlier change (a label only, see <see cref="Operation.Replay"/>).</summary>
public enum OperationReplay
{
    Undo = 1,
    Redo = 2,
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

    /// <summary>
    /// Independent mode: the annotator whose layer the operation's content belongs to (<see cref="Core.Editing.Layers.LayerOf"/>);
    /// "" when only curators may read it; null when everyone may. Catch-up, history and audit filter on it.
    /// </summary>
    public string? Layer { get; set; }

    /// <summary>
    /// Whether the author sent it as the undo or the redo of an earlier change of theirs (their browser says so); null for a
    /// change made directly. Only a label for the history and the audit: the operation was checked and applied like any other.
    /// </summary>
    public OperationReplay? Replay { get; set; }

    /// <summary>The operation as JSON. Setting it also sets <see cref="Status"/>.</summary>
    public required string Payload
    {
        get => payload;
        set
        {
            payload = value;
            Status = StatusIn(value);
        }
    }

    /// <summary>
    /// The status a <c>setStatus</c> operation set (its camel-case JSON name, e.g. "approved"); null for every other kind.
    /// Kept as a column so the dashboard counts review decisions with plain SQL on any database.
    /// </summary>
    public string? Status { get; private set; }

    private string payload = "";

    public const int MaxStatus = 20;

    private static string? StatusIn(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("kind", out var kind) && kind.ValueKind == System.Text.Json.JsonValueKind.String && kind.ValueEquals(Core.Editing.OperationKinds.SetStatus)
                && root.TryGetProperty("status", out var status) && status.ValueKind == System.Text.Json.JsonValueKind.String
                ? status.GetString() is { Length: <= MaxStatus } value ? value : null
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
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

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.Property(c => c.Text).HasMaxLength(Comment.MaxText);
        comment.HasIndex(c => new { c.PageId, c.ArticleKey, c.At });
        comment.HasOne<Page>().WithMany().HasForeignKey(c => c.PageId);
    }
}
