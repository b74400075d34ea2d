using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GroundTruth.Portal.Data;

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the app or reaching a server.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGroundTruthDbContext>
{
    public SqliteGroundTruthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGroundTruthDbContext>().UseSqlite("Data Source=design.db")
            .UseApplicationServiceProvider(DesignTimeServices.Identity).Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGroundTruthDbContext>
{
    public PostgresGroundTruthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGroundTruthDbContext>().UseNpgsql("Host=localhost;Database=groundtruth")
            .UseApplicationServiceProvider(DesignTimeServices.Identity).Options);
}

/// <summary>IdentityDbContext shapes its model from IdentityOptions (schema version 3 adds passkeys), so design time must see the app's options.</summary>
internal static class DesignTimeServices
{
    public static IServiceProvider Identity { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}
