using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Hosting;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport.Fakes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroundTruth.Tests.TestSupport;

/// <summary>
/// The whole portal in-process on a fresh database (a SQLite file, or a new PostgreSQL database when
/// <c>GT_PG</c> names a server) and a fresh data folder. Requests carrying <c>X-Test-User</c> are signed in as that
/// user; others use the real Identity cookie, so browser tests sign in through the real form.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("gt-test-").FullName;
    private readonly string? _postgresConnection;
    private readonly bool _useKestrel;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="settings">Extra configuration, e.g. <c>GroundTruth:Smtp:Host</c>.</param>
    /// <param name="services">Extra test registrations, applied last (e.g. a database interceptor that injects a failure).</param>
    public PortalFactory(
        DatabaseProvider provider = DatabaseProvider.Sqlite, bool useKestrel = false, TestTimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Provider = provider;
        _useKestrel = useKestrel;
        Time = time;
        _settings = settings ?? new Dictionary<string, string?>();
        if (provider == DatabaseProvider.Postgres)
        {
            var server = PostgresServer.ConnectionString ?? throw new InvalidOperationException("GT_PG is not set.");
            _postgresConnection = $"{server};Database=gt_test_{Guid.NewGuid():N}";
        }
    }

    public DatabaseProvider Provider { get; }

    public TestTimeProvider? Time { get; }

    public string DataFolder => _dataFolder;

    /// <summary>The base address of the real Kestrel server (only with <c>useKestrel</c>).</summary>
    public string ServerAddress { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (_useKestrel)
        {
            UseKestrel(0);
            StartServer();
            ServerAddress = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
        else
        {
            _ = Server;
        }

        await Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("GroundTruth:DataFolder", _dataFolder);
        builder.UseSetting("GroundTruth:DatabaseProvider", Provider.ToString());
        builder.UseSetting("GroundTruth:ExpirySweepInterval", "00:00:01");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_postgresConnection is not null)
        {
            builder.UseSetting("GroundTruth:ConnectionString", _postgresConnection);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (Time is not null)
            {
                services.AddSingleton<TimeProvider>(Time);
            }

            services.AddAuthentication()
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null)
                .AddPolicyScheme("TestOrCookie", null, o => o.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(TestAuthHandler.Header) ? TestAuthHandler.SchemeName : IdentityConstants.ApplicationScheme);
            services.PostConfigure<AuthenticationOptions>(o =>
            {
                o.DefaultScheme = "TestOrCookie";
                o.DefaultAuthenticateScheme = "TestOrCookie";
                o.DefaultChallengeScheme = "TestOrCookie";
            });
            _services?.Invoke(services);
        });
    }

    public HttpClient ClientFor(string userId)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, userId);
        return client;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<string> CreateUserAsync(string email, params string[] roles)
    {
        var (id, errors) = await Get<UserAdminService>().CreateAsync(email, email, "Test-pass1", roles);
        return id ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    public async Task<Guid> CreateTeamAsync(string name, params string[] memberIds)
    {
        var (id, errors) = await Get<WorkforceService>().CreateTeamAsync(name, "", memberIds);
        return id ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    public async Task<Guid> CreateJobAsync(JobSpec spec, string manifest, string requesterId)
    {
        await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifest));
        var result = await Get<JobService>().CreateFromManifestAsync(spec, stream, new Caller(requesterId, false));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors));
        }

        await WaitForStatusAsync(result.JobId!.Value, s => s != JobStatus.Initializing);
        return result.JobId.Value;
    }

    public async Task<JobStatus> WaitForStatusAsync(Guid jobId, Func<JobStatus, bool> done, int timeoutSeconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            await using var db = await Get<IDbContextFactory<GroundTruthDbContext>>().CreateDbContextAsync();
            var status = await db.Jobs.Where(j => j.Id == jobId).Select(j => j.Status).FirstAsync();
            if (done(status))
            {
                return status;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Job {jobId} stayed {status}.");
            }

            await Task.Delay(50);
        }
    }

    public async Task<TResult> WithDbAsync<TResult>(Func<GroundTruthDbContext, Task<TResult>> query)
    {
        await using var db = await Get<IDbContextFactory<GroundTruthDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_postgresConnection is not null)
        {
            try
            {
                await using var db = await Get<IDbContextFactory<GroundTruthDbContext>>().CreateDbContextAsync();
                await db.Database.EnsureDeletedAsync();
            }
            catch (InvalidOperationException)
            {
                // The host never started; there is no database to drop.
            }
        }

        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing background task; the temp folder is cleaned by the OS.
        }
    }
}
