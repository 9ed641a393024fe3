using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Import;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Import;

/// <summary>Issue 15 cases 2 and 8 in the editor: what the state carries for the cards and the hover, and that edits keep the item type.</summary>
public sealed class ImportedItemTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private static readonly string Mets = Path.Combine(Repository.Root, "tests", "Workbench.Core.Tests", "Pages", "Fixtures", "mets-europeana", "issue-METS.xml");

    [Fact]
    public async Task TheStateCarriesItemTypesAndOcrTexts_AndATitleEditKeepsTheItemType()
    {
        int pageId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var outcomes = await scope.ServiceProvider.GetRequiredService<PageImporter>().ImportMetsIssueAsync(await factory.DemoProjectIdAsync(), Mets);
            Assert.All(outcomes, o => Assert.Equal(ImportStatus.Imported, o.Status));
            pageId = outcomes[0].PageId!.Value;
        }

        var client = await factory.LoginAsync("annotator");
        var state = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{pageId}/state");
        Assert.Equal(
            [("1", "TITLE_SECTION"), ("2", "ARTICLE"), ("3", "ADVERTISEMENT")],
            state.GetProperty("itemTypes").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
        var despaced = state.GetProperty("ocrTexts").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)).ToList();
        Assert.Contains(("5", "本报讯 上半年全区生产总值增长。"), despaced);
        Assert.Contains(state.GetProperty("lines").EnumerateArray(), l => l.GetProperty("n").GetInt32() == 5 && l.GetProperty("text").GetString() == "本报讯上半年全区生产总值增长。");

        var (status, outcome) = await client.ApplyAsync(pageId, new SetTitle(3, "Adv. 1 Page 1", "诚聘记者"));

        Assert.True(status == System.Net.HttpStatusCode.OK, outcome.ToString());
        var ad = await factory.WithDbAsync(db => db.Articles.AsNoTracking().SingleAsync(a => a.PageId == pageId && a.Key == 3));
        Assert.Equal(("诚聘记者", "ADVERTISEMENT", "DIVL103"), (ad.Title, ad.ItemType, ad.ExternalId));

        // Entities are tagged on the de-spaced text, and exported with offsets in it: 上半年 is [3, 6) of line 5, and
        // [12, 15) of the article text "全区经济稳中向好\n本报讯上半年…" (the OCR file's "本报讯 上半年" would have put it at [4, 7)).
        (status, outcome) = await client.ApplyAsync(pageId, new AddEntity("DATE", new Anchor(5, 3), new Anchor(5, 6), "上半年"));
        Assert.True(status == System.Net.HttpStatusCode.OK, outcome.ToString());
        var projectId = await factory.DemoProjectIdAsync();
        var exported = await factory.WithDbAsync(db => Task.FromResult(Workbench.Web.Export.ProjectExport.Articles(db, projectId, Workbench.Web.Export.ProjectExport.StatusAll)
            .Single(a => a.Page.Source == "mets-europeana_00001.xml" && a.Id.EndsWith("-2", StringComparison.Ordinal))));
        var entity = Assert.Single(exported.Entities);
        Assert.Equal(("上半年", "全区经济稳中向好\n本报讯上半年"), (entity.Text, exported.Text[..entity.End]));
    }
}
