using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Editing;

/// <summary>Article rows are updated in place: what the page state does not hold survives every edit (issue 20, item 1).</summary>
public sealed class ArticleRowTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task IdExternalIdSubmissionAndConfidence_SurviveATitleEditASplitOfAnotherArticleAndAnEntityEdit()
    {
        var pageId = await factory.FreshPageAsync("000a_");
        var state = await StoredAsync(pageId);
        var articles = state.Articles.Where(a => PageStates.LinesOf(a).Count(n => state.Lines[n].Text.Trim().Length > 1) >= 3).Take(2).ToList();
        var (kept, other) = (articles[0], articles[1]);
        await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId && a.Key == kept.Key)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ExternalId, "mets-div-7").SetProperty(a => a.Confidence, 0.37)));
        factory.Services.GetRequiredService<PageStateCache>().Forget(pageId); // written behind the edit path's back

        var annotator = await factory.LoginAsync("annotator");
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(kept.Key, ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        var before = await RowAsync(pageId, kept.Key);
        Assert.NotNull(before.SubmittedAt);

        // A title edit, a split of another article, an entity added and relabelled.
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetTitle(kept.Key, kept.Title, "新的标题"))).Status);
        var at = PageStates.LinesOf(other).Where(n => state.Lines[n].Text.Trim().Length > 1).Skip(1).First();
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SplitArticle(other.Key, at))).Status);
        var line = PageStates.LinesOf(kept).First(n => state.Lines[n].Text.Trim().Length > 1);
        var text = state.Lines[line].Text;
        var (added, outcome) = await annotator.ApplyAsync(pageId, new AddEntity("ORG", new Anchor(line, 0), new Anchor(line, 2), text[..2]));
        Assert.Equal(HttpStatusCode.OK, added);
        var entityKey = (await StoredAsync(pageId)).Entities.Single(e => e.Start.Line == line).Key;
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new RelabelEntity(entityKey, "ORG", "LOC"))).Status);

        var after = await RowAsync(pageId, kept.Key);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("mets-div-7", after.ExternalId);
        Assert.Equal(before.SubmittedAt, after.SubmittedAt);
        Assert.Equal(before.SubmittedBy, after.SubmittedBy);
        Assert.Equal(0.37, after.Confidence);
        Assert.Equal("新的标题", after.Title);
        Assert.Equal(ArticleStatus.Submitted, after.Status);
        Assert.Equal(0.37, (await StoredAsync(pageId)).FindArticle(kept.Key)!.Confidence);

        // The split-off part is a new row; the other article keeps its id too.
        var rows = await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId).Include(a => a.Blocks).ToListAsync());
        Assert.Equal(state.Articles.Count + 1, rows.Count);
        Assert.Equal(rows.OrderBy(r => r.Ordinal).Select(r => r.Key), (await StoredAsync(pageId)).Articles.Select(a => a.Key));
    }

    [Fact]
    public async Task LeavingSubmitted_ClearsTheSubmission_AndEveryContentChangeNamesItsAuthor()
    {
        var pageId = await factory.FreshPageAsync();
        var state = await StoredAsync(pageId);
        var key = state.Articles[0].Key;
        var annotator = await factory.LoginAsync("annotator");
        var annotatorId = await factory.UserIdAsync("annotator");

        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(key, ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        Assert.Null((await RowAsync(pageId, key)).ContentChangedBy); // a status change is not content
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(key, ArticleStatus.Submitted, ArticleStatus.InProgress))).Status);
        var row = await RowAsync(pageId, key);
        Assert.Null(row.SubmittedAt);
        Assert.Null(row.SubmittedBy);

        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetTitle(key, state.Articles[0].Title, "改"))).Status);
        Assert.Equal(annotatorId, (await RowAsync(pageId, key)).ContentChangedBy);
    }

    [Fact]
    public async Task LineEdit_WritesOnlyTheText_TheRowKeepsItsOriginalOcrTextAndBox_AndTheArticleItsBlocks()
    {
        var pageId = await factory.FreshPageAsync();
        var state = await StoredAsync(pageId);
        var line = state.Lines.Values.First(l => l.Text.Trim().Length > 1 && PageStates.ArticleOfLine(state, l.Number) is not null);
        await factory.WithDbAsync(db => db.Lines.Where(l => l.PageId == pageId && l.Number == line.Number)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.OcrText, "O C R").SetProperty(l => l.X, 17).SetProperty(l => l.FontSize, 9.5)));
        var article = PageStates.ArticleOfLine(state, line.Number)!;
        var blocksBefore = await BlocksAsync(pageId, article.Key);

        var annotator = await factory.LoginAsync("annotator");
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new EditLine(line.Number, line.Text, line.Text + "改"))).Status);

        var row = await factory.WithDbAsync(db => db.Lines.AsNoTracking().SingleAsync(l => l.PageId == pageId && l.Number == line.Number));
        Assert.Equal(line.Text + "改", row.Text);
        Assert.Equal(line.Original, row.Original);
        Assert.Equal("O C R", row.OcrText);
        Assert.Equal(17, row.X);
        Assert.Equal(9.5, row.FontSize);
        Assert.Equal(blocksBefore, await BlocksAsync(pageId, article.Key));
        Assert.Equal(await factory.UserIdAsync("annotator"), (await RowAsync(pageId, article.Key)).ContentChangedBy);
    }

    [Fact]
    public async Task LineAndEntityEdits_NameTheArticlesLastAuthor_WithoutReadingItsRow()
    {
        var pageId = await factory.FreshPageAsync();
        var state = await StoredAsync(pageId);
        var lines = state.Lines.Values.Where(l => l.Text.Trim().Length > 2 && state.ArticleOfLine(l.Number) is not null).Take(2).ToList();
        var article = state.ArticleOfLine(lines[1].Number)!;
        await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId && a.Key == article.Key).ExecuteUpdateAsync(s => s.SetProperty(a => a.ExternalId, "mets-div-9")));
        var before = await RowAsync(pageId, article.Key);

        var commands = new CommandTexts();
        await using var recorded = factory.WithInterceptor(commands);
        var (reviewerId, annotatorId) = (await factory.UserIdAsync("reviewer"), await factory.UserIdAsync("annotator"));
        async Task<ApplyOutcome> ApplyAsync(string userId, int version, PageOperation operation)
        {
            await using var scope = recorded.Services.CreateAsyncScope();
            var (outcome, _) = await scope.ServiceProvider.GetRequiredService<PageEditService>().ApplyAsync(pageId, userId, "user", ProjectRole.Annotator, version, operation);
            Assert.True(outcome.Accepted, outcome.Reason);
            return outcome;
        }

        // The first edit reads the page into this app's cache; the two after it are recorded.
        var first = await ApplyAsync(reviewerId, state.Version, new EditLine(lines[0].Number, lines[0].Text, lines[0].Text + "改"));
        commands.Recording = true;
        var edited = await ApplyAsync(annotatorId, first.Version, new EditLine(lines[1].Number, lines[1].Text, lines[1].Text + "改"));
        await ApplyAsync(annotatorId, edited.Version, new AddEntity("ORG", new Anchor(lines[1].Number, 0), new Anchor(lines[1].Number, 2), lines[1].Text[..2]));
        commands.Recording = false;

        Assert.DoesNotContain(commands.Texts, t => t.Contains("FROM \"Articles\"", StringComparison.Ordinal));
        var after = await RowAsync(pageId, article.Key);
        Assert.Equal(annotatorId, after.ContentChangedBy);
        Assert.Equal((before.Id, before.Ordinal, before.Title, before.Status, before.ExternalId, before.Confidence), (after.Id, after.Ordinal, after.Title, after.Status, after.ExternalId, after.Confidence));
    }

    /// <summary>The text of every command read through a data reader while recording.</summary>
    private sealed class CommandTexts : DbCommandInterceptor
    {
        public ConcurrentQueue<string> Texts { get; } = new();

        public bool Recording { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Recording)
            {
                Texts.Enqueue(command.CommandText);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private Task<List<(int Id, int Ordinal, int FirstLine, int LastLine)>> BlocksAsync(int pageId, int key) =>
        factory.WithDbAsync(async db => (await db.Articles.AsNoTracking().Include(a => a.Blocks).SingleAsync(a => a.PageId == pageId && a.Key == key))
            .Blocks.OrderBy(b => b.Ordinal).Select(b => (b.Id, b.Ordinal, b.FirstLine, b.LastLine)).ToList());

    private Task<Article> RowAsync(int pageId, int key) =>
        factory.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.PageId == pageId && a.Key == key));

    private Task<PageState> StoredAsync(int pageId) =>
        factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
}
