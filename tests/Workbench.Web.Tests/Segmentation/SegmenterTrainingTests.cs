using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Segmentation;

/// <summary>
/// Editors' corrections teach the project's segmenter, through the real paths: pages imported, split by the edit endpoint, approved,
/// a model trained from the admin page, and a new page of the same layout imported and segmented differently.
/// </summary>
public sealed class SegmenterTrainingTests : IClassFixture<WorkbenchFactory>
{
    private readonly WorkbenchFactory factory;

    public SegmenterTrainingTests(WorkbenchFactory factory) => this.factory = factory;

    private static readonly string[] Places = ["本市", "某区", "某县", "新城", "东区", "西区", "南湖", "北山", "河口", "石桥"];
    private static readonly string[] Events = ["新建三所学校", "举办农民丰收节", "开通两条公交线路", "完成老旧小区改造", "启动夜市", "举行消防演练", "开展义诊活动", "建成体育公园"];

    /// <summary>A page of four news briefs, each opening with ◆ and running two sentences: a house style the rules do not know.</summary>
    private static byte[] BriefsPage(int seed)
    {
        var text = new StringBuilder();
        for (var i = 0; i < 4; i++)
        {
            var place = Places[(seed * 3 + i) % Places.Length];
            var what = Events[(seed + i * 3) % Events.Length];
            text.Append(CultureInfo.InvariantCulture, $"◆{place}{what}，吸引了众多市民参与，现场气氛热烈。\n");
            text.Append(CultureInfo.InvariantCulture, $"有关负责人表示，{place}将继续推进此项工作，第{seed + i}批项目已经完成。\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public async Task Training_OnApprovedCorrections_ChangesHowANewPageOfTheSameLayoutIsSegmented()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var admin = await factory.LoginAsync("admin");

        // The rules see each page of briefs as one item.
        Assert.Single(Segmenter.Segment(PageReader.Read("briefs.txt", BriefsPage(99))).Articles);

        for (var seed = 0; seed < 6; seed++)
        {
            var outcome = await factory.WithImporterAsync(importer => importer.ImportAsync(projectId, $"briefs_{seed}.txt", BriefsPage(seed)));
            var pageId = outcome.PageId!.Value;
            Assert.Equal(1, outcome.ArticleCount);

            // An editor splits the page at each ◆ (from the bottom up, so the top article keeps key 1) and the reviewer approves.
            foreach (var line in new[] { 7, 5, 3 })
            {
                var (status, _) = await admin.ApplyAsync(pageId, new SplitArticle(1, line));
                Assert.Equal(HttpStatusCode.OK, status);
            }

            var keys = await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId).Select(a => a.Key).ToListAsync());
            Assert.Equal(4, keys.Count);
            foreach (var key in keys)
            {
                await factory.ForceStatusAsync(pageId, key, ArticleStatus.Approved);
            }
        }

        var page = await admin.GetHtmlAsync($"/Projects/{projectId}/Segmenter");
        Assert.Contains("id=\"no-models\"", page, StringComparison.Ordinal);
        var trained = await admin.PostFormAsync($"/Projects/{projectId}/Segmenter?handler=Train", [], $"/Projects/{projectId}/Segmenter");
        Assert.Equal(HttpStatusCode.Redirect, trained.StatusCode);

        var model = await factory.WithDbAsync(db => db.SegmenterModels.SingleAsync(m => m.ProjectId == projectId));
        Assert.Equal((5, 1), (model.TrainingPages, model.HeldOutPages));
        Assert.True(model.Active, $"model F1 {model.ModelF1} should beat rules F1 {model.RulesF1}");
        page = await admin.GetHtmlAsync($"/Projects/{projectId}/Segmenter");
        Assert.Contains($"<td class=\"num model-f1\">{model.ModelF1:0.000}</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"num rules-f1\">{model.RulesF1:0.000}</td>", page, StringComparison.Ordinal);
        Assert.True(model.ModelF1 > model.RulesF1);

        var fresh = await factory.WithImporterAsync(importer => importer.ImportAsync(projectId, "briefs_new.txt", BriefsPage(42)));
        Assert.Equal(4, fresh.ArticleCount);
        var firstLines = await factory.WithDbAsync(db => db.Blocks.Where(b => db.Articles.Any(a => a.Id == b.ArticleId && a.PageId == fresh.PageId)).GroupBy(b => b.ArticleId).Select(g => g.Min(b => b.FirstLine)).OrderBy(n => n).ToListAsync());
        Assert.Equal([1, 3, 5, 7], firstLines);
    }

    [Fact]
    public async Task SegmenterPage_IsForAdminsOnly()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var annotator = await factory.LoginAsync("annotator");
        var response = await annotator.GetAsync($"/Projects/{projectId}/Segmenter");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
