using System.Net;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

public sealed class QueueTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task Queue_ListsSubmittedArticles_OldestSubmissionFirst_AndFiltersWork()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var publication = $"Queue Daily {Guid.NewGuid():N}";
        var early = await factory.FreshPageAsync(publication: publication, issueDate: new DateOnly(1950, 1, 2));
        var late = await factory.FreshPageAsync(publication: publication, issueDate: new DateOnly(1960, 5, 6));
        var keys = await factory.ArticleKeysAsync(early);
        var lateKey = (await factory.ArticleKeysAsync(late))[0];
        var annotator = await factory.LoginAsync("annotator");
        var reviewerClient = await factory.LoginAsync("reviewer");

        // Submitted in this order: early/keys[2], early/keys[0] (by the reviewer), late/first.
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(early, new SetStatus(keys[2], ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        Assert.Equal(HttpStatusCode.OK, (await reviewerClient.ApplyAsync(early, new SetStatus(keys[0], ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(late, new SetStatus(lateKey, ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        var label = await factory.WithDbAsync(db => db.Labels.Where(l => l.ProjectId == projectId).Select(l => l.Name).FirstAsync());
        var line = await factory.WithDbAsync(db => db.Blocks.Where(b => db.Articles.Any(a => a.Id == b.ArticleId && a.PageId == late && a.Key == lateKey)).Select(b => b.FirstLine).FirstAsync());
        await factory.WithDbAsync(async db =>
        {
            db.Entities.Add(new Entity { PageId = late, Key = 9000, Label = label, StartLine = line, StartOffset = 0, EndLine = line, EndOffset = 1, Text = "x" });
            return await db.SaveChangesAsync();
        });

        var url = $"/Projects/{projectId}/Review?publication={Uri.EscapeDataString(publication)}";
        var html = await reviewerClient.GetHtmlAsync(url);
        var order = Rows(html);
        Assert.Equal([$"{early}:{keys[2]}", $"{early}:{keys[0]}", $"{late}:{lateKey}"], order);

        Assert.Equal([$"{late}:{lateKey}"], Rows(await reviewerClient.GetHtmlAsync(url + "&from=1955-01-01")));
        Assert.Equal([$"{early}:{keys[2]}", $"{early}:{keys[0]}"], Rows(await reviewerClient.GetHtmlAsync(url + "&to=1955-01-01")));
        var annotatorId = await factory.UserIdAsync("annotator");
        Assert.Equal([$"{early}:{keys[2]}", $"{late}:{lateKey}"], Rows(await reviewerClient.GetHtmlAsync(url + $"&annotator={annotatorId}")));
        Assert.Equal([$"{late}:{lateKey}"], Rows(await reviewerClient.GetHtmlAsync(url + $"&label={label}")));
    }

    [Fact]
    public async Task Submission_IsKeptOnTheArticle_ThroughRewrites_AndSetAgainOnResubmission()
    {
        var pageId = await factory.FreshPageAsync(publication: $"Kept Daily {Guid.NewGuid():N}");
        var keys = await factory.ArticleKeysAsync(pageId);
        var annotator = await factory.LoginAsync("annotator");
        var reviewer = await factory.LoginAsync("reviewer");
        var annotatorId = await factory.UserIdAsync("annotator");
        Task<(DateTimeOffset? At, string? By)> SubmissionAsync(int key) => factory.WithDbAsync(db =>
            db.Articles.Where(a => a.PageId == pageId && a.Key == key).Select(a => new ValueTuple<DateTimeOffset?, string?>(a.SubmittedAt, a.SubmittedBy)).SingleAsync());

        Assert.Equal((null, null), await SubmissionAsync(keys[0]));
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(keys[0], ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        var submitted = await SubmissionAsync(keys[0]);
        Assert.NotNull(submitted.At);
        Assert.Equal(annotatorId, submitted.By);
        var logged = await factory.WithDbAsync(db => db.Operations.Where(o => o.PageId == pageId && o.Kind == "setStatus").Select(o => o.At).SingleAsync());
        Assert.Equal(logged, submitted.At);

        // Assigning rewrites the article's row; the submission stays as it was.
        Assert.Equal(HttpStatusCode.OK, (await reviewer.ApplyAsync(pageId, new Assign(keys[0], annotatorId))).Status);
        Assert.Equal(submitted, await SubmissionAsync(keys[0]));

        // Sent back and submitted again: a new submission time.
        Assert.Equal(HttpStatusCode.OK, (await reviewer.ApplyAsync(pageId, new SetStatus(keys[0], ArticleStatus.Submitted, ArticleStatus.ChangesRequested), "Check the title.")).Status);
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(keys[0], ArticleStatus.ChangesRequested, ArticleStatus.Submitted))).Status);
        var again = await SubmissionAsync(keys[0]);
        Assert.True(again.At > submitted.At);
        Assert.Equal(annotatorId, again.By);
    }

    [Fact]
    public async Task Queue_IsForReviewersAndAdmins()
    {
        var projectId = await factory.DemoProjectIdAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.LoginAsync("annotator")).GetAsync($"/Projects/{projectId}/Review")).StatusCode);
        Assert.Contains("Review queue", await (await factory.LoginAsync("admin")).GetHtmlAsync($"/Projects/{projectId}/Review"), StringComparison.Ordinal);
    }

    private static List<string> Rows(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<tr data-page=\"(\\d+)\" data-article=\"(\\d+)\"")
            .Select(m => $"{m.Groups[1].Value}:{m.Groups[2].Value}").ToList();
}
