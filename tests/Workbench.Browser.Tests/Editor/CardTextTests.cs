using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Export;
using Workbench.Web.Data;
using Workbench.Web.Export;
using Workbench.Web.Import;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Editor;

/// <summary>The text an editor proofreads in a card is the text exported for training (the ner-jsonl export's "text").</summary>
[Collection(BrowserCollection.Name)]
public sealed class CardTextTests(BrowserFixture browser, ITestOutputHelper output)
{
    // Margin hyphens (rejoined before a lower-case letter, kept before a capital), a soft hyphen at a line end,
    // closing punctuation at the start of a line, a paragraph break after a sentence, and characters outside the BMP.
    private const string LatinPage = """
        The Workbench Gazette

        The infor-
        mation office opened on Monday. Co{SHY}
        operation with the Anglo-
        Saxon archive (see page 4
        ) goes on
        , and prices rose 10 %
        .

        Readers wrote 😀 and 𠀀 letters,
        well-
        known ones too!
        """;

    // Each article card's text: its blocks' texts (pieces and what lies between them), blank blocks left out, one per line.
    private const string CardTextsScript = """
        () => JSON.stringify(Object.fromEntries([...document.querySelectorAll('#articles .card')].map(card => [
          card.dataset.key,
          [...card.querySelectorAll('.block .btext')].map(b => b.textContent).filter(t => t.length > 0).join('\n'),
        ])))
        """;

    [Fact]
    public async Task CardText_EqualsExportedText_OnTheSamplePagesAndAHyphenatedLatinPage()
    {
        int projectId;
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            projectId = await db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync();
            var importer = scope.ServiceProvider.GetRequiredService<PageImporter>();
            var outcome = await importer.ImportAsync(projectId, "gazette_1901-05-04_p01.txt", Encoding.UTF8.GetBytes(LatinPage.Replace("{SHY}", "\u00AD", StringComparison.Ordinal)));
            Assert.NotNull(outcome.PageId);
        }

        var (exported, pages) = await ExportedTextsAsync(projectId);
        var page = await browser.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, "annotator", BrowserFixture.DemoPassword);
            var compared = 0;
            foreach (var (pageId, prefix) in pages.Where(p => p.Name.StartsWith("000a_", StringComparison.Ordinal) || p.Name.StartsWith("001_", StringComparison.Ordinal)
                         || p.Name.StartsWith("002_", StringComparison.Ordinal) || p.Name.StartsWith("示例晨报", StringComparison.Ordinal) || p.Name.StartsWith("gazette", StringComparison.Ordinal))
                         .OrderBy(p => p.Name.StartsWith("gazette", StringComparison.Ordinal)).Select(p => (p.Id, p.Prefix)))
            {
                await page.GotoAsync($"/Editor/{pageId}");
                await Assertions.Expect(page.Locator("#articles .card").First).ToBeVisibleAsync();
                using var cards = JsonDocument.Parse(await page.EvaluateAsync<string>(CardTextsScript));
                foreach (var card in cards.RootElement.EnumerateObject())
                {
                    // A continued article is exported joined with its other part; its card shows one part.
                    if (!exported.TryGetValue($"{prefix}-{card.Name}", out var text))
                    {
                        continue;
                    }

                    Assert.Equal(text, card.Value.GetString());
                    compared++;
                }
            }

            output.WriteLine($"{compared} articles compared");
            Assert.True(compared >= 30, $"only {compared} articles compared");
            // (the Latin page, shown last)
            await Assertions.Expect(page.Locator("#articles")).ToContainTextAsync("information office opened on Monday. Cooperation with the Anglo-Saxon archive (see page 4) goes on, and prices rose 10 %.");
            await browser.ScreenshotAsync(page, "card-text-latin", output);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>The project's ner-jsonl export (every status): article id → text, for articles not joined across pages; and its pages.</summary>
    private async Task<(Dictionary<string, string> Texts, List<(int Id, string Name, string Prefix)> Pages)> ExportedTextsAsync(int projectId)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var files = new Dictionary<string, MemoryStream>(StringComparer.Ordinal);
        Exporter.Run(ProjectExport.Articles(db, projectId, ProjectExport.StatusAll), new ExportOptions("ner-jsonl"), name => files[name] = new MemoryStream());
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Encoding.UTF8.GetString(files.Single(f => f.Key.EndsWith(".jsonl", StringComparison.Ordinal)).Value.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var record = JsonDocument.Parse(line);
            if (!record.RootElement.TryGetProperty("parts", out _))
            {
                texts[record.RootElement.GetProperty("id").GetString()!] = record.RootElement.GetProperty("text").GetString()!;
            }
        }

        var pages = (await db.Pages.Where(p => p.ProjectId == projectId).Select(p => new { p.Id, p.SourceName, p.Sha256 }).ToListAsync())
            .Select(p => (p.Id, p.SourceName, p.Sha256[..12])).ToList();
        return (texts, pages);
    }
}
