using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Workbench.Web.Import;

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
