using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

// What the review rules need for a group, read once per group.
public sealed partial class PageEditService
{
    /// <summary>What the review rules need for a group, read once: labels, the self-review setting, last content authors, removals; kept up to date as the group's operations apply.</summary>
    private sealed class GroupFacts
    {
        private readonly Dictionary<int, string?> authors = [];
        private readonly Dictionary<int, Removal?> removals = [];
        private readonly Dictionary<int, string?> submitters = [];
        private readonly Dictionary<string, ProjectRole> roles = new(StringComparer.Ordinal);
        private bool allowSelfReview;

        /// <summary>The project's annotation mode, read with every group (an admin may switch it at any time).</summary>
        public LayerPolicy.Mode Mode { get; private set; } = LayerPolicy.Mode.Shared;
        private IReadOnlyDictionary<string, Label>? labels;

        public static async Task<GroupFacts> LoadAsync(WorkbenchDbContext db, int pageId, int projectId, List<EditJob> group, CancellationToken cancellationToken)
        {
            var facts = new GroupFacts();
            var toCheck = group.Where(j => j.Role is null).Select(j => j.UserId).Distinct().ToArray();
            if (toCheck.Length > 0)
            {
                await foreach (var member in EditQueries.RolesAsync(db, projectId, toCheck).WithCancellation(cancellationToken))
                {
                    facts.roles[member.UserId] = member.Role;
                }
            }

            var steps = group.SelectMany(j => OperationPolicy.Steps(j.Operation)).ToList();
            var approvals = steps.OfType<SetStatus>().Where(s => s.Status == ArticleStatus.Approved).Select(s => s.ArticleKey).ToHashSet();

            // Who submitted: asked when a submission goes back to work (its submitter may take it back without a comment).
            var takenBack = steps.OfType<SetStatus>().Where(s => s is { ExpectedStatus: ArticleStatus.Submitted, Status: ArticleStatus.InProgress }).Select(s => s.ArticleKey).ToHashSet();
            var project = await EditQueries.ProjectAsync(db, projectId, cancellationToken);
            facts.allowSelfReview = project.AllowSelfReview;
            facts.Mode = new LayerPolicy.Mode(project.AnnotationMode, project.AnnotatorsPerArticle);

            // One read of the article rows both rules need: the last content author for approvals, the submitter for take-backs.
            var keys = approvals.Union(takenBack).ToList();
            if (keys.Count > 0)
            {
                foreach (var row in await db.Articles.AsNoTracking().Where(a => a.PageId == pageId && keys.Contains(a.Key)).Select(a => new { a.Key, a.ContentChangedBy, a.SubmittedBy }).ToListAsync(cancellationToken))
                {
                    if (approvals.Contains(row.Key))
                    {
                        facts.authors[row.Key] = row.ContentChangedBy;
                    }

                    if (takenBack.Contains(row.Key))
                    {
                        facts.submitters[row.Key] = row.SubmittedBy;
                    }
                }
            }

            var restores = steps.OfType<RestoreArticle>().Where(r => r.Article is not null).Select(r => r.Article.Key).Distinct().ToList();
            if (restores.Count > 0)
            {
                foreach (var row in await db.Set<RemovedArticle>().AsNoTracking().Where(r => r.PageId == pageId && restores.Contains(r.Key)).ToListAsync(cancellationToken))
                {
                    facts.removals[row.Key] = new Removal(row.RemovedBy, row.Status, row.AssigneeId);
                }
            }

            if (steps.Exists(o => o is AddEntity or RelabelEntity))
            {
                facts.labels = await EditQueries.LabelsAsync(db, projectId).ToDictionaryAsync(l => l.Name, StringComparer.Ordinal, cancellationToken);
            }

            return facts;
        }

        /// <summary>The role of a member whose membership the group checked; null when not a member.</summary>
        public ProjectRole? RoleOf(string userId) => roles.TryGetValue(userId, out var role) ? role : null;

        public ReviewContext ReviewFor(EditJob job) =>
            new(job.UserId, allowSelfReview, job.Comment, key => authors.GetValueOrDefault(key), labels, key => removals.GetValueOrDefault(key), key => submitters.GetValueOrDefault(key));

        public void Remember(string userId, PageState before, PageChanges changes) => OperationPolicy.Remember(userId, before, changes, authors, removals);
    }
}
