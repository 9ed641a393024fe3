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
/// A page that fits in one batch is written in one transaction, visible at once. A larger page is written with
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
        var lines = page.Lines.ToList();
        var articles = page.Articles.ToList();
        var entities = page.Entities.ToList();
        page.Lines.Clear();
        page.Articles.Clear();
        page.Entities.Clear();
        var rows = lines.Count + articles.Count + articles.Sum(a => a.Blocks.Count) + entities.Count;
        db.ChangeTracker.Clear();
        if (rows <= BatchRows)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var pageId = await InsertPageAsync(page, importing: false, cancellationToken);
            await InsertLinesAsync(pageId, lines, cancellationToken);
            await InsertArticlesAsync(pageId, articles, cancellationToken);
            await InsertRowsAsync(Mapping<Entity>(), entities.Select(e => WithPage(e, pageId)), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return pageId;
        }

        int id;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            id = await InsertPageAsync(page, importing: true, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        try
        {
            foreach (var chunk in lines.Chunk(BatchRows))
            {
                await InBatchAsync(() => InsertLinesAsync(id, chunk, cancellationToken), cancellationToken);
            }

            // An article travels with its blocks: a batch holds whole articles, about BatchRows rows.
            foreach (var chunk in ChunkArticles(articles))
            {
                await InBatchAsync(() => InsertArticlesAsync(id, chunk, cancellationToken), cancellationToken);
            }

            foreach (var chunk in entities.Chunk(BatchRows))
            {
                await InBatchAsync(() => InsertRowsAsync(Mapping<Entity>(), chunk.Select(e => WithPage(e, id)), cancellationToken), cancellationToken);
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

    private async Task<int> InsertPageAsync(Page page, bool importing, CancellationToken cancellationToken)
    {
        page.Importing = importing;
        if (page.Image is null && db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            // SQLite: the page's row with the same prepared-insert writer, its id from RETURNING (SaveChanges costs more than
            // the page's lines). A page with a scan (an owned type in the same row) goes through EF below.
            InsertReturningIds(sqlite, CurrentSqliteTransaction(), Mapping<Page>(), [page], (p, id) => p.Id = id);
            return page.Id;
        }

        db.Pages.Add(page);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return page.Id;
    }

    private Task InsertLinesAsync(int pageId, IEnumerable<PageLine> lines, CancellationToken cancellationToken) =>
        InsertRowsAsync(Mapping<PageLine>(), lines.Select(l =>
        {
            l.PageId = pageId;
            return l;
        }), cancellationToken);

    private async Task InsertArticlesAsync(int pageId, List<Article> articles, CancellationToken cancellationToken)
    {
        if (articles.Count == 0)
        {
            return;
        }

        foreach (var article in articles)
        {
            article.PageId = pageId;
        }

        Dictionary<int, int> ids;
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            // SQLite: each article's id comes back from its INSERT (RETURNING), no query to read them back.
            InsertReturningIds(sqlite, CurrentSqliteTransaction(), Mapping<Article>(), articles, (a, id) => a.Id = id);
            ids = articles.ToDictionary(a => a.Key, a => a.Id);
        }
        else
        {
            await InsertRowsAsync(Mapping<Article>(), articles, cancellationToken);

            // The blocks need their articles' ids: read back by the page's (unique) article keys.
            var keys = articles.Select(a => a.Key).ToList();
            ids = await db.Articles.AsNoTracking().Where(a => a.PageId == pageId && keys.Contains(a.Key)).ToDictionaryAsync(a => a.Key, a => a.Id, cancellationToken);
        }

        await InsertRowsAsync(Mapping<Block>(), articles.SelectMany(a => a.Blocks.Select(b =>
        {
            b.ArticleId = ids[a.Key];
            return b;
        })), cancellationToken);
    }

    private static Entity WithPage(Entity entity, int pageId)
    {
        entity.PageId = pageId;
        return entity;
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

/// <summary>
/// The columns of an entity's table as the EF model maps them: name, store type and a getter that applies the property's
/// value converter. Store-generated keys (identity columns) are left out. One per entity type and model.
/// </summary>
public sealed class RowMapping<T>
    where T : class
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, RowMapping<T>> Cache = [];

    public sealed record Column(string Name, string StoreType, Func<T, object?> Value, Type ProviderType);

    private RowMapping(string table, IReadOnlyList<Column> columns, string? key)
    {
        Table = table;
        Columns = columns;
        Key = key;
        PlainSqliteValues = columns.All(c => RawSqliteInsert.Binds(c.ProviderType));
    }

    /// <summary>Every column's stored value is an integer, real, text or blob as Microsoft.Data.Sqlite would bind it (see <see cref="RawSqliteInsert"/>).</summary>
    public bool PlainSqliteValues { get; }

    public string Table { get; }

    /// <summary>The store-generated key's column (an identity the database numbers), if the table has one.</summary>
    public string? Key { get; }

    public IReadOnlyList<Column> Columns { get; }

    internal static RowMapping<T> For(IModel model) => Cache.GetValue(model, Build);

    private static RowMapping<T> Build(IModel model)
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = new List<Column>();
        string? key = null;
        foreach (var property in entityType.GetProperties())
        {
            if (property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never)
            {
                key = property.GetColumnName(store);
                continue; // an identity key: the database numbers the rows
            }

            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property; the bulk writer needs a CLR property to read.");
            }

            var getter = property.GetGetter();
            var mapping = property.GetRelationalTypeMapping();
            var converter = mapping.Converter;
            var storeType = mapping.StoreTypeNameBase;
            columns.Add(new Column(
                property.GetColumnName(store)!,
                storeType,
                row => getter.GetClrValue(row) is { } value ? converter is null ? value : converter.ConvertToProvider(value) : null,
                Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType));
        }

        return new RowMapping<T>(table, columns, key);
    }
}

/// <summary>
/// A prepared INSERT stepped through SQLite's C API (SQLitePCLRaw, on the connection's own handle and open transaction) with
/// positional binds. Binds values as Microsoft.Data.Sqlite does for the same types: integers (and bool) as INTEGER, double and
/// float as REAL, strings as TEXT (UTF-8), byte arrays as BLOB, null as NULL. A failing step throws Microsoft.Data.Sqlite's
/// <see cref="SqliteException"/> with SQLite's error code (a unique violation stays error 19).
/// </summary>
internal static class RawSqliteInsert
{
    public static bool Binds(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(bool)
        || type == typeof(double) || type == typeof(float) || type == typeof(string) || type == typeof(byte[]);

    /// <param name="returned">For an INSERT … RETURNING of one integer column: receives each row's value.</param>
    public static void Run<T>(SqliteConnection connection, string sql, RowMapping<T> mapping, IEnumerable<T> rows, Action<T, long>? returned = null)
        where T : class
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = SQLitePCL.raw.sqlite3_prepare_v2(db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        using (statement)
        {
            var columns = mapping.Columns;
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    rc = Bind(statement, i + 1, columns[i].Value(row));
                    SqliteException.ThrowExceptionForRC(rc, db);
                }

                rc = SQLitePCL.raw.sqlite3_step(statement);
                if (returned is not null && rc == SQLitePCL.raw.SQLITE_ROW)
                {
                    returned(row, SQLitePCL.raw.sqlite3_column_int64(statement, 0));
                    rc = SQLitePCL.raw.sqlite3_step(statement);
                }

                if (rc != SQLitePCL.raw.SQLITE_DONE)
                {
                    SQLitePCL.raw.sqlite3_reset(statement);
                    SqliteException.ThrowExceptionForRC(rc, db);
                }

                SQLitePCL.raw.sqlite3_reset(statement);
            }
        }
    }

    private static int Bind(SQLitePCL.sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => SQLitePCL.raw.sqlite3_bind_null(statement, index),
        int i => SQLitePCL.raw.sqlite3_bind_int64(statement, index, i),
        long l => SQLitePCL.raw.sqlite3_bind_int64(statement, index, l),
        string s => SQLitePCL.raw.sqlite3_bind_text(statement, index, s),
        bool b => SQLitePCL.raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
        double d => double.IsNaN(d) ? throw new InvalidOperationException("Cannot store NaN.") : SQLitePCL.raw.sqlite3_bind_double(statement, index, d),
        float f => float.IsNaN(f) ? throw new InvalidOperationException("Cannot store NaN.") : SQLitePCL.raw.sqlite3_bind_double(statement, index, f),
        short h => SQLitePCL.raw.sqlite3_bind_int64(statement, index, h),
        byte y => SQLitePCL.raw.sqlite3_bind_int64(statement, index, y),
        byte[] blob => SQLitePCL.raw.sqlite3_bind_blob(statement, index, blob),
        _ => throw new NotSupportedException($"No SQLite bind for {value.GetType().Name}."),
    };
}

/// <summary>The row mapping of an entity type in a model (built once per model and type).</summary>
public static class RowMappings
{
    public static RowMapping<T> For<T>(IModel model)
        where T : class => RowMapping<T>.For(model);
}
