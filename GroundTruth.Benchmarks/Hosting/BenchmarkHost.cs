using System.Data.Common;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Hosting;
using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GroundTruth.Benchmarks.Hosting;

/// <summary>
/// The portal's services, headless, on a fresh data folder and database. The services come from the portal's own
/// <see cref="PortalServiceCollectionExtensions.AddGroundTruthPortal"/> on a web application that is built but never
/// started: no Kestrel and no background services (the import queue and the expiry sweep stay idle, so the benchmarks
/// call <see cref="ManifestImporter"/> themselves), yet every registration, option and the Identity model are exactly
/// the portal's. The database is prepared by the portal's <see cref="DatabaseInitializer"/> (migrations, WAL on
/// SQLite, roles).
/// </summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private const string Password = "Bench-pass-1";

    private readonly WebApplication _app;
    private readonly string? _postgresDatabase;

    private BenchmarkHost(WebApplication app, string dataFolder, DatabaseProvider provider, string? postgresDatabase)
    {
        _app = app;
        DataFolder = dataFolder;
        Provider = provider;
        _postgresDatabase = postgresDatabase;
    }

    public string DataFolder { get; }

    public DatabaseProvider Provider { get; }

    public string Description => Provider == DatabaseProvider.Postgres ? $"PostgreSQL (database {_postgresDatabase})" : "SQLite (WAL)";

    /// <summary>Builds the services and prepares the database.</summary>
    /// <param name="postgresServer">A PostgreSQL connection string without a database; <c>null</c> for SQLite.</param>
    /// <param name="logLevel">The least level logged (to stderr); the portal's appsettings.json uses Information.</param>
    public static async Task<BenchmarkHost> StartAsync(string? postgresServer, LogLevel logLevel, CancellationToken cancellationToken)
    {
        var dataFolder = Directory.CreateTempSubdirectory("gt-bench-").FullName;
        var provider = postgresServer is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        string? connectionString = null, database = null;
        if (postgresServer is not null)
        {
            database = $"gt_bench_{Guid.NewGuid():N}";
            var builder = new DbConnectionStringBuilder { ConnectionString = postgresServer };
            builder["Database"] = database;
            connectionString = builder.ConnectionString;
        }

        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = dataFolder, EnvironmentName = Environments.Production });
        web.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{PortalOptions.Section}:{nameof(PortalOptions.DataFolder)}"] = dataFolder,
            [$"{PortalOptions.Section}:{nameof(PortalOptions.DatabaseProvider)}"] = provider.ToString(),
            [$"{PortalOptions.Section}:{nameof(PortalOptions.ConnectionString)}"] = connectionString,
        });
        web.Logging.ClearProviders();
        web.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        web.Logging.SetMinimumLevel(logLevel);
        web.AddGroundTruthPortal();
        var app = web.Build();
        var host = new BenchmarkHost(app, dataFolder, provider, database);
        try
        {
            var initializer = app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single();
            await initializer.StartAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public IDbContextFactory<GroundTruthDbContext> Database => Get<IDbContextFactory<GroundTruthDbContext>>();

    /// <summary>Creates users through the portal's <see cref="UserAdminService"/> (Identity, hashed password).</summary>
    public async Task<IReadOnlyList<string>> CreateUsersAsync(string prefix, int count, string role, CancellationToken cancellationToken)
    {
        var admin = Get<UserAdminService>();
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}{i + 1}@bench.local";
            var (id, errors) = await admin.CreateAsync(email, email, Password, [role], cancellationToken: cancellationToken);
            ids.Add(id ?? throw new InvalidOperationException($"Creating {email} failed: {string.Join("; ", errors)}"));
        }

        return ids;
    }

    public async Task<Guid> CreateTeamAsync(string name, IReadOnlyList<string> memberIds, CancellationToken cancellationToken)
    {
        var (id, errors) = await Get<WorkforceService>().CreateTeamAsync(name, "", memberIds, cancellationToken: cancellationToken);
        return id ?? throw new InvalidOperationException($"Creating team {name} failed: {string.Join("; ", errors)}");
    }

    /// <summary>Creates a job from a manifest file as the job form does (the file is copied into storage); the import is queued, not run.</summary>
    public async Task<Guid> CreateJobAsync(JobSpec spec, string manifestPath, string requesterId, CancellationToken cancellationToken)
    {
        await using var manifest = new FileStream(manifestPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        var result = await Get<JobService>().CreateFromManifestAsync(spec, manifest, new Caller(requesterId, IsAdmin: false), cancellationToken);
        return result.JobId ?? throw new InvalidOperationException($"Creating job {spec.Name} failed: {string.Join("; ", result.Errors)}");
    }

    /// <summary>Size of the database on disk: the SQLite file plus its WAL, or PostgreSQL's <c>pg_database_size</c>.</summary>
    public async Task<long> DatabaseSizeAsync(CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return Directory.EnumerateFiles(DataFolder, "groundtruth.db*").Sum(f => new FileInfo(f).Length);
        }

        await using var db = await Database.CreateDbContextAsync(cancellationToken);
        return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            try
            {
                await using var db = await Database.CreateDbContextAsync();
                await db.Database.EnsureDeletedAsync();
            }
            catch (DbException ex)
            {
                Console.Error.WriteLine($"Could not drop {_postgresDatabase}: {ex.Message}");
            }
        }

        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Could not delete {DataFolder}: {ex.Message}");
        }
    }
}
