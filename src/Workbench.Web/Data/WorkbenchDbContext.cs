using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Workbench.Web.Data;

/// <summary>
/// The app's one context. On SQLite (the default) it is used as it is, with the migrations in Data/Migrations; on
/// PostgreSQL the app registers <see cref="PostgresWorkbenchDbContext"/> in its place, which only exists so that
/// PostgreSQL has its own migration set (Data/Migrations/PostgreSql): every service still asks for this type.
/// </summary>
public class WorkbenchDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public WorkbenchDbContext(DbContextOptions<WorkbenchDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's derived context (its own options type, its own migrations).</summary>
    protected WorkbenchDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();

    public DbSet<Page> Pages => Set<Page>();

    public DbSet<PageLine> Lines => Set<PageLine>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<Block> Blocks => Set<Block>();

    public DbSet<Entity> Entities => Set<Entity>();

    public DbSet<Operation> Operations => Set<Operation>();

    public DbSet<ArticleLink> ArticleLinks => Set<ArticleLink>();

    public DbSet<Label> Labels => Set<Label>();

    public DbSet<LabelPattern> LabelPatterns => Set<LabelPattern>();

    public DbSet<RejectedSuggestion> RejectedSuggestions => Set<RejectedSuggestion>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<GazetteerTerm> GazetteerTerms => Set<GazetteerTerm>();

    /// <summary>ASP.NET Core Data Protection keys, kept here when several instances must read each other's cookies.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SegmenterModel> SegmenterModels => Set<SegmenterModel>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WorkbenchDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset natively; store UTC ticks so queries by time work. PostgreSQL
        // keeps the same bigint ticks, so the two schemas and every query over times stay the same.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

/// <summary>
/// The context on PostgreSQL: the same model, its own migration set. Add a migration to both sets with
/// <c>bash .config/add-migration.sh NAME</c>.
/// </summary>
public sealed class PostgresWorkbenchDbContext(DbContextOptions<PostgresWorkbenchDbContext> options) : WorkbenchDbContext(options);
