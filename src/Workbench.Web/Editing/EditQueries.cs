using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>
/// The statements every group runs (the page's stamp, the project's settings, the senders' roles, the project's labels when
/// the group tags, the version guard), prepared once: LINQ
/// queries compiled with <see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, TResult}})"/>
/// and the guard as one UPDATE whose text is built once per model, so a group does not translate expression trees again
/// (that translation cost more CPU than the statements themselves).
/// </summary>
internal static class EditQueries
{
    /// <summary>The page's version and re-segmentation count (what a cached state must still match).</summary>
    public sealed record PageStamp(int Version, int Resegmented);

    /// <summary>What the edit path reads of the project with every group (an admin may change it at any time).</summary>
    public sealed record ProjectFacts(bool AllowSelfReview, AnnotationMode AnnotationMode, int AnnotatorsPerArticle);

    private static readonly Func<WorkbenchDbContext, int, CancellationToken, Task<PageStamp?>> Stamp =
        EF.CompileAsyncQuery((WorkbenchDbContext db, int pageId, CancellationToken _) =>
            db.Pages.Where(p => p.Id == pageId).Select(p => new PageStamp(p.Version, p.Resegmented)).FirstOrDefault());

    private static readonly Func<WorkbenchDbContext, int, CancellationToken, Task<ProjectFacts>> Project =
        EF.CompileAsyncQuery((WorkbenchDbContext db, int projectId, CancellationToken _) =>
            db.Projects.Where(p => p.Id == projectId).Select(p => new ProjectFacts(p.AllowSelfReview, p.AnnotationMode, p.AnnotatorsPerArticle)).First());

    /// <summary>A member's role in the project, as a group's membership check reads it.</summary>
    public sealed record MemberRole(string UserId, ProjectRole Role);

    private static readonly Func<WorkbenchDbContext, int, string[], IAsyncEnumerable<MemberRole>> Roles =
        EF.CompileAsyncQuery((WorkbenchDbContext db, int projectId, string[] userIds) =>
            db.ProjectMembers.Where(m => m.ProjectId == projectId && userIds.Contains(m.UserId)).Select(m => new MemberRole(m.UserId, m.Role)));

    private static readonly Func<WorkbenchDbContext, int, IAsyncEnumerable<Label>> ProjectLabels =
        EF.CompileAsyncQuery((WorkbenchDbContext db, int projectId) => db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId));

    private static readonly ConditionalWeakTable<IModel, string> GuardTexts = [];

    public static Task<PageStamp?> StampAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken) => Stamp(db, pageId, cancellationToken);

    public static Task<ProjectFacts> ProjectAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken) => Project(db, projectId, cancellationToken);

    /// <summary>The roles of those of <paramref name="userIds"/> who are members of the project.</summary>
    public static IAsyncEnumerable<MemberRole> RolesAsync(WorkbenchDbContext db, int projectId, string[] userIds) => Roles(db, projectId, userIds);

    /// <summary>The project's labels, retired ones too (untracked).</summary>
    public static IAsyncEnumerable<Label> LabelsAsync(WorkbenchDbContext db, int projectId) => ProjectLabels(db, projectId);

    /// <summary>
    /// The version guard: moves the page from <paramref name="seen"/> to <paramref name="version"/> (and its key counters) only
    /// if nobody moved it on or re-segmented it meanwhile; returns the rows claimed (1, or 0 when someone did).
    /// </summary>
    public static Task<int> ClaimAsync(WorkbenchDbContext db, int pageId, int seen, int resegmented, int version, int nextArticleKey, int nextEntityKey, CancellationToken cancellationToken)
    {
        var text = GuardTexts.GetValue(db.Model, _ => GuardText(db));
        return db.Database.ExecuteSqlRawAsync(text, [version, nextArticleKey, nextEntityKey, pageId, seen, resegmented], cancellationToken);
    }

    private static string GuardText(WorkbenchDbContext db)
    {
        var type = db.Model.FindEntityType(typeof(Page))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(table)!);
        return $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {Column(nameof(Page.Version))} = {{0}}, {Column(nameof(Page.NextArticleKey))} = {{1}}, {Column(nameof(Page.NextEntityKey))} = {{2}} " +
            $"WHERE {Column(nameof(Page.Id))} = {{3}} AND {Column(nameof(Page.Version))} = {{4}} AND {Column(nameof(Page.Resegmented))} = {{5}}";
    }
}
