using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Workbench.Web.Data;

public sealed class WorkbenchDbContext(DbContextOptions<WorkbenchDbContext> options) : IdentityDbContext<AppUser>(options)
{
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

    public DbSet<SegmenterModel> SegmenterModels => Set<SegmenterModel>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(WorkbenchDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset natively; store UTC ticks so queries by time work.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}
