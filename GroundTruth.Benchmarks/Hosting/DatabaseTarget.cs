namespace GroundTruth.Benchmarks.Hosting;

/// <summary>A database to run a benchmark on: SQLite, and PostgreSQL when <c>--pg</c> names a server.</summary>
/// <param name="Label">Short name for phase labels.</param>
/// <param name="PostgresServer">PostgreSQL connection string without a database (a fresh one is created), or <c>null</c> for SQLite.</param>
internal sealed record DatabaseTarget(string Label, string? PostgresServer)
{
    /// <summary>Reads <c>--pg</c> and <c>--db sqlite|pg|both</c> (default: both with <c>--pg</c>, else SQLite).</summary>
    public static IReadOnlyList<DatabaseTarget> From(BenchmarkArguments args)
    {
        var server = args.GetString("pg");
        var choice = args.GetString("db") ?? (server is null ? "sqlite" : "both");
        if (choice is not ("sqlite" or "pg" or "both"))
        {
            throw new UsageException($"--db takes sqlite, pg or both; '{choice}' is none of them.");
        }

        if (choice != "sqlite" && server is null)
        {
            throw new UsageException($"--db {choice} needs --pg \"Host=…;Port=…;Username=…\".");
        }

        var targets = new List<DatabaseTarget>();
        if (choice != "pg")
        {
            targets.Add(new("SQLite", null));
        }

        if (choice != "sqlite")
        {
            targets.Add(new("PostgreSQL", server));
        }

        return targets;
    }
}
