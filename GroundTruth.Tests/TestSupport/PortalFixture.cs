using GroundTruth.Portal.Hosting;
using GroundTruth.Tests.TestSupport.Fakes;

namespace GroundTruth.Tests.TestSupport;

/// <summary>One portal per test class, on SQLite or PostgreSQL, with a hand-moved clock.</summary>
public abstract class PortalFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private PortalFactory? _portal;

    public TestTimeProvider Time { get; } = new();

    public DatabaseProvider Provider => provider;

    public PortalFactory Portal => _portal ?? throw new InvalidOperationException("The fixture was not started.");

    public async ValueTask InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres && PostgresServer.ConnectionString is null)
        {
            return;
        }

        _portal = new PortalFactory(provider, time: Time);
        await _portal.InitializeAsync();
    }

    /// <summary>The portal, or a skip (or, in CI, a failure) when PostgreSQL is asked for and absent.</summary>
    public PortalFactory Require()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.RequireOrSkip();
        }

        return Portal;
    }

    public async ValueTask DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqlitePortalFixture() : PortalFixture(DatabaseProvider.Sqlite);

public sealed class PostgresPortalFixture() : PortalFixture(DatabaseProvider.Postgres);
