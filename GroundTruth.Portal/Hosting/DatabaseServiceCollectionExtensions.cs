using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Hosting;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDbContextFactory{GroundTruthDbContext}"/> for the configured provider, plus a scoped
    /// <see cref="GroundTruthDbContext"/> for Identity's stores (AddDbContextFactory also registers the scoped context, efcore#25440).
    /// </summary>
    public static IServiceCollection AddGroundTruthDatabase(this IServiceCollection services, PortalOptions options, string dataFolder)
    {
        if (options.DatabaseProvider == DatabaseProvider.Postgres)
        {
            return services.AddProviderContext<PostgresGroundTruthDbContext>(o => o.UseNpgsql(options.ConnectionString));
        }

        var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? $"Data Source={Path.Combine(dataFolder, "groundtruth.db")}"
            : options.ConnectionString;
        return services.AddProviderContext<SqliteGroundTruthDbContext>(o => o.UseSqlite(connectionString));
    }

    private static IServiceCollection AddProviderContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : GroundTruthDbContext
    {
        services.AddDbContextFactory<TContext>(configure);
        services.AddSingleton<IDbContextFactory<GroundTruthDbContext>, UpcastingFactory<TContext>>();
        services.AddScoped<GroundTruthDbContext>(sp => sp.GetRequiredService<TContext>());
        return services;
    }

    private sealed class UpcastingFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<GroundTruthDbContext>
        where TContext : GroundTruthDbContext
    {
        public GroundTruthDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
