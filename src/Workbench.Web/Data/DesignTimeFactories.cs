using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workbench.Web.Data;

/// <summary>
/// How `dotnet ef` makes each provider's context to generate its migrations (no database is opened for that):
/// <c>--context WorkbenchDbContext</c> is SQLite (Data/Migrations), <c>--context PostgresWorkbenchDbContext</c> is
/// PostgreSQL (Data/Migrations/PostgreSql). The app itself builds its context in <see cref="WorkbenchDatabase"/>.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<WorkbenchDbContext>
{
    public WorkbenchDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WorkbenchDbContext>();
        new WorkbenchDatabase(DatabaseProvider.Sqlite, "Data Source=workbench-design.db").Configure(options);
        return new WorkbenchDbContext(options.Options);
    }
}

/// <inheritdoc cref="SqliteDesignTimeFactory"/>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWorkbenchDbContext>
{
    public PostgresWorkbenchDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresWorkbenchDbContext>();
        new WorkbenchDatabase(DatabaseProvider.PostgreSQL, "Host=localhost;Database=workbench_design;Username=postgres").Configure(options);
        return new PostgresWorkbenchDbContext(options.Options);
    }
}
