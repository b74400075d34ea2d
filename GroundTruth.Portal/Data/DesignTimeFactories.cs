using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GroundTruth.Portal.Data;

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the app or reaching a server.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGroundTruthDbContext>
{
    public SqliteGroundTruthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGroundTruthDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGroundTruthDbContext>
{
    public PostgresGroundTruthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGroundTruthDbContext>().UseNpgsql("Host=localhost;Database=groundtruth").Options);
}
