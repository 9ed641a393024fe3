using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Workbench.Web.Data;

namespace Workbench.Web.Import;

/// <summary>
/// Writes a new page and its lines, articles, blocks and entities without EF's change tracker (whose fix-up grows faster than
/// the rows: a 200,000-line page took 55 s), in bounded batches, each its own short transaction, so no import holds the
/// database's write lock for long: SQLite takes prepared single-row inserts, PostgreSQL binary <c>COPY</c>.
/// <para>
/// A page that fits in one batch is written in one transaction, visible at once; several such pages may share one
/// (<see cref="WriteManyAsync"/>: a batch import saves a transaction per page, bounded by the same row count). A larger page is written with
/// <see cref="Page.Importing"/> set (a query filter hides it everywhere), batch by batch, and shown by a last small
/// transaction; if anything fails on the way, its rows are deleted, so a failed import stores nothing.
/// </para>
/// <para>
/// The columns come from the EF model (<see cref="RowMapping{T}"/>): a property added to <see cref="PageLine"/>,
/// <see cref="Article"/>, <see cref="Block"/> or <see cref="Entity"/> and mapped in its configuration is written here with
/// no change to this class (value converters included). Only the store-generated keys are left to the database.
/// </para>
/// </summary>
public sealed class PageRowWriter(WorkbenchDbContext db)
{
    /// <summary>Rows per transaction: a few milliseconds of inserts on SQLite, well under the 200 ms a writer may hold the lock.</summary>
    public const int BatchRows = 4000;

    /// <summary>Writes <paramref name="page"/> (its rows in its collections) and returns its new id. The collections are emptied.</summary>
    public async Task<int> WriteAsync(Page page, CancellationToken cancellationToken = default)
    {
        if (RowCount(page) <= BatchRows)
        {
            return (await WriteManyAsync([page], cancellationToken))[0];
        }

        var (lines, articles, entities) = TakeRows(page);
        db.ChangeTracker.Clear();
        int id;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            id = (await InsertPagesAsync([page], importing: true, cancellationToken))[0];
            await transaction.CommitAsync(cancellationToken);
        }

        AssignPage(id, lines, articles, entities);
        try
        {
            foreach (var chunk in lines.Chunk(BatchRows))
            {
                await InBatchAsync(() => InsertRowsAsync(Mapping<PageLine>(), chunk, cancellationToken), cancellationToken);
            }

            // An article travels with its blocks: a batch holds whole articles, about BatchRows rows.
            foreach (var chunk in ChunkArticles(articles))
            {
                await InBatchAsync(() => InsertArticlesAsync(chunk, cancellationToken), cancellationToken);
            }

            foreach (var chunk in entities.Chunk(BatchRows))
            {
                await InBatchAsync(() => InsertRowsAsync(Mapping<Entity>(), chunk, cancellationToken), cancellationToken);
            }

            await db.Pages.IgnoreQueryFilters().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Importing, false), cancellationToken);
        }
        catch
        {
            await DeleteAsync(db, id);
            throw;
        }

        return id;
    }

    /// <summary>The rows a page's import writes: the page's lines, articles, their blocks and entities.</summary>
    public static int RowCount(Page page) => page.Lines.Count + page.Articles.Count + page.Articles.Sum(a => a.Blocks.Count) + page.Entities.Count;

    /// <summary>
    /// Writes pages of at most <see cref="BatchRows"/> rows in total (see <see cref="RowCount"/>) in ONE transaction, visible together,
    /// and returns their new ids in order. On failure nothing is stored and the pages are as they were given (ids unset, rows in their
    /// collections), so the caller may write them again one by one.
    /// </summary>
    public async Task<IReadOnlyList<int>> WriteManyAsync(IReadOnlyList<Page> pages, CancellationToken cancellationToken = default)
    {
        var rows = pages.Select(TakeRows).ToList();
        db.ChangeTracker.Clear();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ids = await InsertPagesAsync(pages, importing: false, cancellationToken);
            for (var i = 0; i < pages.Count; i++)
            {
                AssignPage(ids[i], rows[i].Lines, rows[i].Articles, rows[i].Entities);
            }

            await InsertRowsAsync(Mapping<PageLine>(), rows.SelectMany(r => r.Lines), cancellationToken);
            await InsertArticlesAsync(rows.SelectMany(r => r.Articles).ToList(), cancellationToken);
            await InsertRowsAsync(Mapping<Entity>(), rows.SelectMany(r => r.Entities), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ids;
        }
        catch
        {
            db.ChangeTracker.Clear();
            for (var i = 0; i < pages.Count; i++)
            {
                pages[i].Id = 0;
                pages[i].Lines.AddRange(rows[i].Lines);
                pages[i].Articles.AddRange(rows[i].Articles);
                pages[i].Entities.AddRange(rows[i].Entities);
            }

            throw;
        }
    }

    /// <summary>Takes the rows out of the page's collections: the page's own row is written without them (SaveChanges would insert them one by one).</summary>
    private static (List<PageLine> Lines, List<Article> Articles, List<Entity> Entities) TakeRows(Page page)
    {
        var rows = (page.Lines.ToList(), page.Articles.ToList(), page.Entities.ToList());
        page.Lines.Clear();
        page.Articles.Clear();
        page.Entities.Clear();
        return rows;
    }

    private static void AssignPage(int pageId, List<PageLine> lines, List<Article> articles, List<Entity> entities)
    {
        lines.ForEach(l => l.PageId = pageId);
        articles.ForEach(a => a.PageId = pageId);
        entities.ForEach(e => e.PageId = pageId);
    }

    /// <summary>Deletes a page that never became visible (its rows go with it: every child table cascades).</summary>
    internal static async Task DeleteAsync(WorkbenchDbContext db, int pageId)
    {
        db.ChangeTracker.Clear();
        await db.Pages.IgnoreQueryFilters().Where(p => p.Id == pageId && p.Importing).ExecuteDeleteAsync(CancellationToken.None);
    }

    private async Task InBatchAsync(Func<Task> write, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await write();
        await transaction.CommitAsync(cancellationToken);
    }

    private static IEnumerable<List<Article>> ChunkArticles(List<Article> articles)
    {
        var chunk = new List<Article>();
        var rows = 0;
        foreach (var article in articles)
        {
            chunk.Add(article);
            rows += 1 + article.Blocks.Count;
            if (rows >= BatchRows)
            {
                yield return chunk;
                chunk = [];
                rows = 0;
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>The pages' rows (in order, so ids follow the files' order) and their new ids.</summary>
    private async Task<List<int>> InsertPagesAsync(IReadOnlyList<Page> pages, bool importing, CancellationToken cancellationToken)
    {
        foreach (var page in pages)
        {
            page.Importing = importing;
        }

        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            // SQLite: each page's row with the same prepared-insert writer, its id from RETURNING (SaveChanges costs more than
            // the page's lines). A page with a scan (an owned type in the same row) goes through EF, in its turn.
            for (var start = 0; start < pages.Count;)
            {
                var run = pages.Skip(start).TakeWhile(p => (p.Image is null) == (pages[start].Image is null)).ToList();
                if (run[0].Image is null)
                {
                    InsertReturningIds(sqlite, CurrentSqliteTransaction(), Mapping<Page>(), run, (p, id) => p.Id = id);
                }
                else
                {
                    db.Pages.AddRange(run);
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }

                start += run.Count;
            }
        }
        else
        {
            db.Pages.AddRange(pages);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return pages.Select(p => p.Id).ToList();
    }

    /// <summary>Articles (their PageId set) and then their blocks, which need the articles' new ids.</summary>
    private async Task InsertArticlesAsync(List<Article> articles, CancellationToken cancellationToken)
    {
        if (articles.Count == 0)
        {
            return;
        }

        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            // SQLite: each article's id comes back from its INSERT (RETURNING), no query to read them back.
            InsertReturningIds(sqlite, CurrentSqliteTransaction(), Mapping<Article>(), articles, (a, id) => a.Id = id);
        }
        else
        {
            await InsertRowsAsync(Mapping<Article>(), articles, cancellationToken);

            // The blocks need their articles' ids: read back by the pages' (unique per page) article keys.
            var pageIds = articles.Select(a => a.PageId).Distinct().ToList();
            var keys = articles.Select(a => a.Key).Distinct().ToList();
            var ids = await db.Articles.AsNoTracking().Where(a => pageIds.Contains(a.PageId) && keys.Contains(a.Key))
                .Select(a => new { a.PageId, a.Key, a.Id }).ToDictionaryAsync(a => (a.PageId, a.Key), a => a.Id, cancellationToken);
            articles.ForEach(a => a.Id = ids[(a.PageId, a.Key)]);
        }

        await InsertRowsAsync(Mapping<Block>(), articles.SelectMany(a => a.Blocks.Select(b =>
        {
            b.ArticleId = a.Id;
            return b;
        })), cancellationToken);
    }

    private RowMapping<T> Mapping<T>()
        where T : class => RowMappings.For<T>(db.Model);

    private async Task InsertRowsAsync<T>(RowMapping<T> mapping, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Rows are written inside a transaction.");
        var list = rows as IReadOnlyCollection<T> ?? rows.ToList();
        if (list.Count == 0)
        {
            return; // no COPY or prepared statement for nothing (most pages import without entities)
        }

        rows = list;
        switch (connection)
        {
            case NpgsqlConnection npgsql:
                await CopyAsync(npgsql, mapping, rows, cancellationToken);
                break;
            case SqliteConnection sqlite:
                Insert(sqlite, (SqliteTransaction)transaction, mapping, rows);
                break;
            default:
                throw new NotSupportedException($"No bulk writer for {connection.GetType().Name}.");
        }
    }

    /// <summary>PostgreSQL: binary COPY, one stream per table and batch.</summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, RowMapping<T> mapping, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var columns = string.Join(", ", mapping.Columns.Select(c => Quote(c.Name)));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {Quote(mapping.Table)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in mapping.Columns)
            {
                var value = column.Value(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, column.StoreType, cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite: one prepared single-row INSERT per table, run once per row. When every column's stored type is a plain SQLite value
    /// (integers, reals, text, blobs: lines, blocks, entities) the statement is stepped through SQLite's own API with positional
    /// binds (<see cref="RawSqliteInsert"/>): Microsoft.Data.Sqlite looks each parameter up by name on every execution, which cost
    /// more than the insert itself for a 13-column line. Other tables take the same statement through Microsoft.Data.Sqlite.
    /// </summary>
    private static void Insert<T>(SqliteConnection connection, SqliteTransaction transaction, RowMapping<T> mapping, IEnumerable<T> rows)
        where T : class
    {
        if (mapping.PlainSqliteValues)
        {
            RawSqliteInsert.Run(connection, $"INSERT INTO {Quote(mapping.Table)} ({string.Join(", ", mapping.Columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", mapping.Columns.Select(_ => "?"))})", mapping, rows);
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Quote(mapping.Table)} ({string.Join(", ", mapping.Columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", mapping.Columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        var parameters = mapping.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null))).ToArray();
        var prepared = false;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = mapping.Columns[i].Value(row) ?? DBNull.Value;
            }

            if (!prepared)
            {
                command.Prepare();
                prepared = true;
            }

            command.ExecuteNonQuery();
        }
    }

    private SqliteTransaction CurrentSqliteTransaction() =>
        (SqliteTransaction)(db.Database.CurrentTransaction?.GetDbTransaction() ?? throw new InvalidOperationException("Rows are written inside a transaction."));

    /// <summary>SQLite: one prepared INSERT … RETURNING of the identity key per row; <paramref name="setId"/> receives each new id.</summary>
    private static void InsertReturningIds<T>(SqliteConnection connection, SqliteTransaction transaction, RowMapping<T> mapping, List<T> rows, Action<T, int> setId)
        where T : class
    {
        var key = mapping.Key ?? throw new InvalidOperationException($"{typeof(T).Name} has no store-generated key.");
        if (mapping.PlainSqliteValues)
        {
            RawSqliteInsert.Run(connection, $"INSERT INTO {Quote(mapping.Table)} ({string.Join(", ", mapping.Columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", mapping.Columns.Select(_ => "?"))}) RETURNING {Quote(key)}", mapping, rows, (row, id) => setId(row, checked((int)id)));
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Quote(mapping.Table)} ({string.Join(", ", mapping.Columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", mapping.Columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))}) RETURNING {Quote(key)}";
        var parameters = mapping.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null))).ToArray();
        var prepared = false;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = mapping.Columns[i].Value(row) ?? DBNull.Value;
            }

            if (!prepared && rows.Count > 1)
            {
                command.Prepare();
                prepared = true;
            }

            setId(row, Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
