using GroundTruth.Core.Assignment;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Workforce;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Data;

/// <summary>
/// The portal's database. Each provider has its own derived context so that SQLite and PostgreSQL keep separate
/// migrations in this one assembly (EF's "one context type per provider" layout):
/// <c>dotnet ef migrations add &lt;Name&gt; --project GroundTruth.Portal --context SqliteGroundTruthDbContext --output-dir Data/Migrations/Sqlite</c>
/// and the same with <c>PostgresGroundTruthDbContext</c> and <c>Data/Migrations/Postgres</c>.
/// </summary>
public abstract class GroundTruthDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<LabelingJob> Jobs => Set<LabelingJob>();

    public DbSet<DataObject> DataObjects => Set<DataObject>();

    public DbSet<TaskAssignment> Assignments => Set<TaskAssignment>();

    public DbSet<WorkerResponse> Responses => Set<WorkerResponse>();

    public DbSet<WorkTeam> WorkTeams => Set<WorkTeam>();

    public DbSet<WorkTeamMember> WorkTeamMembers => Set<WorkTeamMember>();

    public DbSet<ImportError> ImportErrors => Set<ImportError>();

    public DbSet<ConsolidationRun> ConsolidationRuns => Set<ConsolidationRun>();

    public DbSet<RunLabel> RunLabels => Set<RunLabel>();

    public DbSet<Core.Audit.AuditEntry> AuditLog => Set<Core.Audit.AuditEntry>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<VendorCompany> VendorCompanies => Set<VendorCompany>();

    public DbSet<VendorCompanyAdmin> VendorCompanyAdmins => Set<VendorCompanyAdmin>();

    public DbSet<VendorSubscription> VendorSubscriptions => Set<VendorSubscription>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GroundTruthDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        if (Database.IsSqlite())
        {
            // SQLite has no DateTimeOffset type; store UTC ticks so ordering and comparisons happen in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }
    }
}

public sealed class SqliteGroundTruthDbContext(DbContextOptions<SqliteGroundTruthDbContext> options) : GroundTruthDbContext(options);

public sealed class PostgresGroundTruthDbContext(DbContextOptions<PostgresGroundTruthDbContext> options) : GroundTruthDbContext(options);
