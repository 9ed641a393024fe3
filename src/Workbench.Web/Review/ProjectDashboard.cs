using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Review;

public sealed record LabelCount(string Name, string DisplayName, string Color, int Count);

public sealed record MemberActivity(string UserId, string Name, ProjectRole? Role, IReadOnlyList<int> PerDay, int Submitted, int Approved, int SentBack)
{
    public int Operations => PerDay.Sum();
}

public sealed record DashboardFigures(
    int Pages, int PagesNotStarted, int PagesUnderWay, int PagesApproved,
    IReadOnlyDictionary<ArticleStatus, int> ArticlesByStatus, IReadOnlyList<LabelCount> EntitiesByLabel, int CorrectedLines,
    IReadOnlyList<DateOnly> Days, IReadOnlyList<int> OperationsPerDay, IReadOnlyList<MemberActivity> Members)
{
    public int Articles => ArticlesByStatus.Values.Sum();

    public int Approved => ArticlesByStatus.GetValueOrDefault(ArticleStatus.Approved);

    /// <summary>Share of articles approved, 0–100 (whole percent, rounded down so 100 means all).</summary>
    public int PercentApproved => Articles == 0 ? 0 : (int)(100L * Approved / Articles);
}

/// <summary>A project's numbers, each one aggregate query (GROUP BY / COUNT in the database), never a row per article or operation.</summary>
public static class ProjectDashboard
{
    public const int ActivityDays = 14;

    private sealed record DayCount(string AuthorId, long Day, int Count);

    private sealed record StatusCount(string AuthorId, string? Status, int Count);

    public static async Task<DashboardFigures> LoadAsync(WorkbenchDbContext db, int projectId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var pages = db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId);
        var articles = db.Articles.AsNoTracking().Where(a => pages.Any(p => p.Id == a.PageId));
        var byStatus = await articles.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        // One row per page (its counts), not per article.
        var perPage = await articles.GroupBy(a => a.PageId)
            .Select(g => new { Total = g.Count(), Approved = g.Count(a => a.Status == ArticleStatus.Approved), Draft = g.Count(a => a.Status == ArticleStatus.Draft) })
            .ToListAsync(cancellationToken);
        var pageCount = await pages.CountAsync(cancellationToken);
        var approvedPages = perPage.Count(p => p.Total > 0 && p.Approved == p.Total);
        var notStarted = pageCount - perPage.Count + perPage.Count(p => p.Draft == p.Total);

        var labels = await db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        var entityCounts = await db.Entities.AsNoTracking().Where(e => e.Layer == null && pages.Any(p => p.Id == e.PageId)) // gold: what exports write
            .GroupBy(e => e.Label).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var byLabel = labels.Select(l => new LabelCount(l.Name, l.DisplayName, l.Color, entityCounts.GetValueOrDefault(l.Name)))
            .Concat(entityCounts.Keys.Except(labels.Select(l => l.Name)).Select(k => new LabelCount(k, k, "#98a2b3", entityCounts[k])))
            .Where(l => l.Count > 0 || labels.Any(x => x.Name == l.Name && !x.Retired))
            .ToList();

        var corrected = await db.Lines.AsNoTracking().CountAsync(l => pages.Any(p => p.Id == l.PageId) && l.Text != l.Original, cancellationToken);

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var days = Enumerable.Range(0, ActivityDays).Select(i => today.AddDays(i - ActivityDays + 1)).ToList();
        var firstDay = days[0].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var fromTicks = new DateTimeOffset(firstDay).UtcTicks;

        // Operation times are stored as UTC ticks on every database; integer division by a day's ticks is the UTC day.
        // Quoted names: the same SQL for SQLite and PostgreSQL (which folds unquoted names to lower case).
        var perDay = await db.Database.SqlQuery<DayCount>($"""
            SELECT d."AuthorId" AS "AuthorId", d."Day" AS "Day", CAST(COUNT(*) AS INTEGER) AS "Count"
            FROM (SELECT o."AuthorId" AS "AuthorId", o."At" / {TimeSpan.TicksPerDay} AS "Day"
                  FROM "Operations" o JOIN "Pages" p ON p."Id" = o."PageId"
                  WHERE p."ProjectId" = {projectId} AND o."At" >= {fromTicks}) d
            GROUP BY d."AuthorId", d."Day"
            """).ToListAsync(cancellationToken);
        var decisions = await db.Operations.AsNoTracking()
            .Where(o => o.Kind == OperationKinds.SetStatus && pages.Any(p => p.Id == o.PageId))
            .GroupBy(o => new { o.AuthorId, o.Status })
            .Select(g => new StatusCount(g.Key.AuthorId, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);

        var members = await UserNames.MembersAsync(db, projectId, cancellationToken);
        var authors = perDay.Select(d => d.AuthorId).Concat(decisions.Select(d => d.AuthorId)).Distinct().ToList();
        var formerNames = await UserNames.ForAsync(db, authors.Where(a => members.All(m => m.UserId != a)), cancellationToken);
        var firstDayNumber = firstDay.Ticks / TimeSpan.TicksPerDay;
        int[] Series(string userId)
        {
            var series = new int[ActivityDays];
            foreach (var d in perDay.Where(d => d.AuthorId == userId))
            {
                var index = (int)(d.Day - firstDayNumber);
                if (index is >= 0 and < ActivityDays)
                {
                    series[index] += d.Count;
                }
            }

            return series;
        }

        int Decided(string userId, string status) => decisions.Where(d => d.AuthorId == userId && d.Status == status).Sum(d => d.Count);
        var activity = members.Select(m => (m.UserId, m.DisplayName, (ProjectRole?)m.Role))
            .Concat(formerNames.Select(f => (f.Key, f.Value, (ProjectRole?)null)))
            .Select(m => new MemberActivity(m.Item1, m.Item2, m.Item3, Series(m.Item1), Decided(m.Item1, StatusJson.Submitted), Decided(m.Item1, StatusJson.Approved), Decided(m.Item1, StatusJson.ChangesRequested)))
            .ToList();
        var totals = Enumerable.Range(0, ActivityDays).Select(i => activity.Sum(a => a.PerDay[i])).ToList();

        return new DashboardFigures(pageCount, notStarted, pageCount - notStarted - approvedPages, approvedPages,
            byStatus, byLabel, corrected, days, totals, activity);
    }
}

/// <summary>
/// The project's agreement on the dashboard (independent mode): Krippendorff's α over the articles whose layers are all
/// submitted, and how many those are. One number for the whole project, so every member may see it: the layers of complete
/// articles are open to every annotator already, and nothing per annotator or per article is given.
/// </summary>
public sealed record DashboardAgreement(double? Alpha, int Articles)
{
    /// <summary>Null for a project in shared mode. Reads the complete articles' pages (see <see cref="Agreement.ProjectAgreement"/>): not one aggregate query.</summary>
    public static async Task<DashboardAgreement?> LoadAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken = default)
    {
        if (await db.Projects.Where(p => p.Id == projectId).Select(p => p.AnnotationMode).FirstOrDefaultAsync(cancellationToken) != AnnotationMode.Independent)
        {
            return null;
        }

        var result = await Agreement.ProjectAgreement.MeasureAsync(db, projectId, cancellationToken: cancellationToken);
        return new DashboardAgreement(result.Report.KrippendorffAlpha, result.Report.Items.Count(i => i.Comparable));
    }
}
