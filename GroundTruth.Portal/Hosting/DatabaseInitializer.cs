using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Demo;
using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroundTruth.Portal.Hosting;

/// <summary>Applies migrations and creates the roles before the app serves requests; seeds the demo when asked.</summary>
public sealed partial class DatabaseInitializer(IServiceProvider services, IOptions<PortalOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundTruthDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (progress pages, downloads) run while a worker's submit writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await scope.ServiceProvider.GetRequiredService<Features.Crowd.PublicCrowdService>().EnsureTeamAsync(cancellationToken);
        if (options.Value.SeedDemo)
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(adminId: null, cancellationToken);
            LogDemo(logger, seeded ? "Demo data seeded" : "Demo data already present");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogDemo(ILogger logger, string message);
}
