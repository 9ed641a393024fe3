using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Continuation;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Import;

/// <summary>
/// <see cref="PageImporter.ImportManyAsync"/>: a batch gives every file the outcome importing the files one by one gives, and
/// writes several pages per transaction without any transaction going over the row bound.
/// </summary>
public sealed class BatchImportTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task ImportMany_GivesEachFileTheOutcomeOfImportingOneByOne()
    {
        var tag = Guid.NewGuid().ToString("N");
        var good = Page($"本报讯 第一篇 {tag}");
        var files = new List<PageFile>
        {
            new("日报_2024-03-04_p01.txt", Encoding.UTF8.GetBytes($"头条新闻标题 {tag}\n本报讯 市民今天说，工程进展顺利。\n（下转第2版）\n")),
            new("good.txt", good),
            new("invalid-utf8.txt", [0x41, 0xC3, 0x28, 0x42, 0x0A]),
            new("binary.txt", [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10]),
            new("again.txt", good), // the same bytes as good.txt, in the same batch
            new("broken.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\"><Layout><Page")),
            new("already.txt", Page($"本报讯 早已导入 {tag}")),
            new("日报_2024-03-04_p02.txt", Encoding.UTF8.GetBytes($"■上接第1版\n工程预计明年完工 {tag}。\n")),
            new("last.txt", Page($"本报讯 最后一篇 {tag}")),
        };

        var (batchProject, oneByOneProject) = (await NewProjectAsync("batch"), await NewProjectAsync("one-by-one"));
        foreach (var projectId in new[] { batchProject, oneByOneProject })
        {
            var earlier = await factory.WithImporterAsync(importer => importer.ImportAsync(projectId, "earlier.txt", files[6].Bytes));
            Assert.Equal(ImportStatus.Imported, earlier.Status);
        }

        var batch = await factory.WithImporterAsync(importer => importer.ImportManyAsync(batchProject, files));
        var oneByOne = new List<IReadOnlyList<ImportOutcome>>();
        foreach (var file in files)
        {
            oneByOne.Add(await factory.WithImporterAsync(importer => importer.ImportWithImageAsync(oneByOneProject, file.Name, file.Bytes, null)));
        }

        Assert.Equal(Describe(oneByOne), Describe(batch));
        Assert.Equal(
            [ImportStatus.Imported, ImportStatus.Imported, ImportStatus.Rejected, ImportStatus.Rejected, ImportStatus.Duplicate, ImportStatus.Rejected, ImportStatus.Duplicate, ImportStatus.Imported, ImportStatus.Imported],
            batch.Select(o => o.Single().Status));
        Assert.Equal(batch[1][0].PageId, batch[4][0].PageId); // the in-batch duplicate names the page its twin made
        Assert.Equal(await StoredAsync(oneByOneProject), await StoredAsync(batchProject));

        // The 下转/上接 pair of the batch is linked as it is when the pages come one by one.
        foreach (var (projectId, outcomes) in new[] { (batchProject, (IReadOnlyList<IReadOnlyList<ImportOutcome>>)batch), (oneByOneProject, oneByOne) })
        {
            var link = await factory.WithDbAsync(db => db.ArticleLinks.SingleAsync(l => l.ProjectId == projectId));
            Assert.Equal((outcomes[0][0].PageId, outcomes[7][0].PageId, LinkSource.Marker), (link.FromPageId, link.ToPageId, link.Source));
        }
    }

    [Fact]
    public async Task ImportMany_WritesSeveralPagesPerTransaction_NoneOverTheRowBound()
    {
        var projectId = await NewProjectAsync("bound");
        var tag = Guid.NewGuid().ToString("N");
        // Pages of a quarter of the bound (a few fit in a transaction), and one larger than the bound, which is written on its own.
        var files = Enumerable.Range(0, 12).Select(i => new PageFile($"p{i:D2}.txt", Page($"{tag} {i}", lines: i == 5 ? PageImporter.GroupRows * 3 / 2 : PageImporter.GroupRows / 4))).ToList();
        var rows = new RowsPerTransaction();
        await using var counted = factory.WithInterceptor(rows);

        await using (var scope = counted.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            rows.Start(await db.Pages.IgnoreQueryFilters().CountAsync(), await db.Lines.IgnoreQueryFilters().CountAsync() + await db.Articles.IgnoreQueryFilters().CountAsync() + await db.Blocks.IgnoreQueryFilters().CountAsync());
            var outcomes = await scope.ServiceProvider.GetRequiredService<PageImporter>().ImportManyAsync(projectId, files);
            rows.Recording = false;
            Assert.All(outcomes, o => Assert.Equal(ImportStatus.Imported, o.Single().Status));
        }

        var written = rows.Transactions.Where(t => t.Pages > 0).ToList();
        Assert.Equal(12, written.Sum(t => t.Pages));
        Assert.Contains(written, t => t.Pages > 1);
        Assert.All(written, t => Assert.True(t.Pages == 1 || t.Rows <= PageImporter.GroupRows, $"{t.Pages} pages, {t.Rows} rows in one transaction"));
        Assert.True(written.Count < 12, $"{written.Count} transactions for 12 pages");
    }

    private static byte[] Page(string unique, int lines = 3) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, lines).Select(i => i == 0 ? $"标题 {unique}\n" : $"本报讯 第{i}行 {unique}。\n")));

    /// <summary>Outcomes as a one-by-one import would print them; page ids differ between projects, so only whether there is one.</summary>
    private static List<string> Describe(IEnumerable<IReadOnlyList<ImportOutcome>> outcomes) =>
        [.. outcomes.SelectMany(o => o).Select(o => $"{o.SourceName} {o.Status} {o.Message} {o.PageId is not null} {o.ArticleCount}")];

    private Task<List<string>> StoredAsync(int projectId) => factory.WithDbAsync(async db =>
    {
        var pages = await db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.Id)
            .Select(p => new { p.SourceName, p.Sha256, p.Publication, p.IssueDate, p.PageNumber, Lines = db.Lines.Count(l => l.PageId == p.Id), Articles = db.Articles.Count(a => a.PageId == p.Id) })
            .ToListAsync();
        return pages.Select(p => p.ToString()!).ToList();
    });

    private Task<int> NewProjectAsync(string name) => factory.WithDbAsync(async db =>
    {
        var project = new Project { Name = $"{name}-{Guid.NewGuid():N}", CreatedAt = DateTimeOffset.UtcNow };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project.Id;
    });

    /// <summary>Just before each commit, on the committing connection: how many pages and page rows (lines, articles, blocks) it adds.</summary>
    private sealed class RowsPerTransaction : DbTransactionInterceptor
    {
        private (long Pages, long Rows) last;

        public bool Recording { get; set; }

        /// <summary>Counts from here, the tables holding <paramref name="pages"/> pages and <paramref name="rows"/> rows.</summary>
        public void Start(long pages, long rows)
        {
            last = (pages, rows);
            Recording = true;
        }

        public List<(long Pages, long Rows)> Transactions { get; } = [];

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Recording)
            {
                var now = (await CountAsync(transaction, "Pages"), await CountAsync(transaction, "Lines") + await CountAsync(transaction, "Articles") + await CountAsync(transaction, "Blocks"));
                Transactions.Add((now.Item1 - last.Pages, now.Item2 - last.Rows));
                last = now;
            }

            return result;
        }

        private static async Task<long> CountAsync(DbTransaction transaction, string table)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
