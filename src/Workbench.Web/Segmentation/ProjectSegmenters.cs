using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Segmentation.Learning;
using Workbench.Web.Data;

namespace Workbench.Web.Segmentation;

/// <summary>
/// Which segmenter a project's new pages get, and training a project's own model on its approved pages.
/// <list type="bullet">
/// <item>A project's newest model that beat the rules on the project's held-out pages (<see cref="SegmenterModel.Active"/>) segments its
/// imports and re-segmentations; otherwise the rules (with the shipped base model on top when <see cref="UseBaseModel"/>).</item>
/// <item>Training reads the pages whose articles are all approved (the editors' corrections are the gold), holds out every fifth page
/// (by page id) to compare, trains on the rest, and stores the model with its counts and the three F1 figures.</item>
/// </list>
/// Models are immutable once stored; loaded ones are cached by row id.
/// </summary>
public static class ProjectSegmenters
{
    private static readonly ConcurrentDictionary<int, LearnedSegmenter> Loaded = new();

    /// <summary>Whether pages of projects without a model of their own go through the shipped base model (configuration <c>Workbench:Segmentation:BaseModel</c>).</summary>
    public static bool UseBaseModel { get; set; }

    /// <summary>The segmenter for new pages of a project.</summary>
    public static async Task<Func<SourcePage, PageSegmentation>> ForProjectAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var active = await db.SegmenterModels.AsNoTracking().Where(m => m.ProjectId == projectId && m.Active)
            .OrderByDescending(m => m.Version).Select(m => new { m.Id }).FirstOrDefaultAsync(cancellationToken);
        if (active is not null)
        {
            if (!Loaded.TryGetValue(active.Id, out var model))
            {
                var bytes = await db.SegmenterModels.AsNoTracking().Where(m => m.Id == active.Id).Select(m => m.Bytes).FirstAsync(cancellationToken);
                model = Loaded.GetOrAdd(active.Id, LearnedSegmenter.FromBytes(bytes));
            }

            return model.Segment;
        }

        return Default;
    }

    /// <summary>The segmenter without a project model: the rules, with the base model on top when configured and shipped.</summary>
    public static PageSegmentation Default(SourcePage page) =>
        UseBaseModel && LearnedSegmenter.Base is { } model ? model.Segment(page) : Segmenter.Segment(page);

    /// <summary>The project's pages whose articles are all approved, as the segmenter read them with their approved articles as gold, by page id.</summary>
    public static async Task<List<(int PageId, TrainingPage Page)>> ApprovedPagesAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pageIds = await ApprovedPageIdsAsync(db, projectId, cancellationToken);
        var pages = new List<(int, TrainingPage)>();
        foreach (var pageId in pageIds)
        {
            var page = await db.Pages.AsNoTracking().FirstAsync(p => p.Id == pageId, cancellationToken);
            var lines = await db.Lines.AsNoTracking().Where(l => l.PageId == pageId).OrderBy(l => l.Number).ToListAsync(cancellationToken);
            var articles = await db.Articles.AsNoTracking().Where(a => a.PageId == pageId).Include(a => a.Blocks).OrderBy(a => a.Ordinal).ToListAsync(cancellationToken);
            var source = StoredLayout.Source(page, lines);
            var gold = new PageSegmentation(source, articles.Select(a => new SegmentArticle(
                a.Title,
                a.Blocks.OrderBy(b => b.Ordinal).Select(b => new SegmentBlock(b.Role, b.FirstLine, b.LastLine)).ToList())).ToList());
            pages.Add((pageId, new TrainingPage(source, gold)));
        }

        return pages;
    }

    /// <summary>The ids of the project's pages whose articles are all approved, in id order.</summary>
    public static Task<List<int>> ApprovedPageIdsAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Pages.Where(p => p.ProjectId == projectId
                && db.Articles.Any(a => a.PageId == p.Id)
                && !db.Articles.Any(a => a.PageId == p.Id && a.Status != ArticleStatus.Approved))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Pages held out from training to compare the model with the rules: every fifth by page id (at least one when there are two or more).</summary>
    public static bool IsHeldOut(int index, int count) => count >= 2 && (index % 5 == 4 || (count < 5 && index == count - 1));

    /// <summary>Trains, scores and stores a new model for the project. Null when no page is fully approved yet.</summary>
    public static async Task<SegmenterModel?> TrainAsync(WorkbenchDbContext db, int projectId, string? userId, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var pages = await ApprovedPagesAsync(db, projectId, cancellationToken);
        if (pages.Count == 0)
        {
            return null;
        }

        var training = pages.Where((_, i) => !IsHeldOut(i, pages.Count)).Select(p => p.Page).ToList();
        var heldOut = pages.Where((_, i) => IsHeldOut(i, pages.Count)).Select(p => p.Page).ToList();
        var model = await Task.Run(() => SegmenterTrainer.Train(training, seed: 1, source: $"project {projectId}"), cancellationToken);
        var scored = heldOut.Count > 0 ? heldOut : training;
        var modelF1 = HeldOutScore.Score(scored, model.Segment).F1;
        var rulesF1 = HeldOutScore.Score(scored, Segmenter.Segment).F1;
        double? baseF1 = LearnedSegmenter.Base is { } shipped ? HeldOutScore.Score(scored, shipped.Segment).F1 : null;
        var version = 1 + (await db.SegmenterModels.Where(m => m.ProjectId == projectId).MaxAsync(m => (int?)m.Version, cancellationToken) ?? 0);
        var row = new SegmenterModel
        {
            ProjectId = projectId,
            Version = version,
            CreatedAt = clock.GetUtcNow(),
            CreatedById = userId,
            Bytes = model.ToBytes(),
            TrainingPages = training.Count,
            TrainingLines = model.Info.Lines,
            TrainingArticles = model.Info.Articles,
            HeldOutPages = heldOut.Count,
            ModelF1 = Math.Round(modelF1, 4),
            RulesF1 = Math.Round(rulesF1, 4),
            BaseF1 = baseF1 is { } b ? Math.Round(b, 4) : null,
            Active = heldOut.Count > 0 && modelF1 > rulesF1 && (!UseBaseModel || baseF1 is null || modelF1 >= baseF1),
            TrainingMilliseconds = model.Info.TrainingMilliseconds,
        };
        if (row.Active)
        {
            // The newest model that beats the rules replaces the one before; one that does not leaves it in use.
            await db.SegmenterModels.Where(m => m.ProjectId == projectId && m.Active).ExecuteUpdateAsync(s => s.SetProperty(m => m.Active, false), cancellationToken);
        }

        db.SegmenterModels.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        Loaded.TryAdd(row.Id, model);
        return row;
    }
}
