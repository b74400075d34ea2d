using System.Net;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroundTruth.Tests.Portal.Security;

/// <summary>
/// Every page and API endpoint is discovered from the running app (so new ones are covered without editing this
/// test) and requested by every role and by an anonymous visitor, against their own and a foreign job.
/// </summary>
public sealed class AuthorizationMatrixTests(SqlitePortalFixture fixture) : IClassFixture<SqlitePortalFixture>
{
    [Fact]
    public void Endpoints_EveryOneHasAPolicyOrIsPublicByDesign()
    {
        var unguarded = AuthorizationMatrix.Unguarded(fixture.Portal.Services);

        Assert.Empty(unguarded);
        Assert.True(AuthorizationMatrix.Endpoints(fixture.Portal.Services).Count > 40, "The discovery found too few endpoints to be trusted.");
    }

    [Fact]
    public async Task Endpoints_NewEndpointWithoutPolicy_IsReported()
    {
        // The same check on an app with one endpoint added carelessly: it must be named.
        await using var leaky = new PortalFactory().WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<IStartupFilter>(new ExtraEndpoint())));
        _ = leaky.Server;

        Assert.Equal(["GET /api/jobs/{id}/leak"], AuthorizationMatrix.Unguarded(leaky.Services));
    }

    [Fact]
    public async Task Matrix_EveryRoleAndAnonymous_ReachOnlyWhatTheyMay()
    {
        // Arrange: a job owned by one requester, a foreign requester, a worker of the team and workers outside it.
        var portal = fixture.Portal;
        var users = new Dictionary<string, string>();
        foreach (var role in Roles.All)
        {
            users[role] = await portal.CreateUserAsync($"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@matrix.test", role);
        }

        var owner = await portal.CreateUserAsync($"owner-{Guid.NewGuid():N}@matrix.test", Roles.Requester);
        var team = await portal.CreateTeamAsync(Specs.UniqueName("matrix"), users[Roles.PrivateWorker]);
        var job = await portal.CreateJobAsync(Specs.Text(team), Specs.TextManifest(2), owner);
        var objectId = await portal.WithDbAsync(db => db.DataObjects.Where(o => o.JobId == job).Select(o => o.Id).FirstAsync());
        var leaks = new List<string>();

        // Act: every GET endpoint with the job's ids filled in, as each caller.
        var gets = AuthorizationMatrix.Endpoints(portal.Services)
            .Where(e => AuthorizationMatrix.Methods(e).Contains("GET") && !AuthorizationMatrix.IsPublicByDesign(e))
            .Select(AuthorizationMatrix.Route)
            .Distinct()
            .Select(r => Fill(r, job, objectId))
            .OfType<string>()
            .ToList();
        Assert.Contains(gets, r => r.StartsWith("/api/jobs/", StringComparison.Ordinal));
        foreach (var path in gets)
        {
            var anonymous = await portal.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);
            if (anonymous.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Redirect or HttpStatusCode.Found))
            {
                leaks.Add($"anonymous GET {path} -> {(int)anonymous.StatusCode}");
            }
            else if (anonymous.StatusCode != HttpStatusCode.Unauthorized && anonymous.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.Ordinal) != true)
            {
                leaks.Add($"anonymous GET {path} redirected to {anonymous.Headers.Location}");
            }

            foreach (var (role, userId) in users)
            {
                var response = await portal.ClientFor(userId).GetAsync(path);
                if (response.IsSuccessStatusCode && !MaySee(role, path, job))
                {
                    leaks.Add($"{role} GET {path} -> {(int)response.StatusCode}");
                }
            }

            var own = await portal.ClientFor(owner).GetAsync(path);
            // The job has no example images, so only the examples route may answer 404 to its owner.
            if (path.Contains(job.ToString(), StringComparison.Ordinal) && !path.Contains("/examples/", StringComparison.Ordinal) && !own.IsSuccessStatusCode)
            {
                leaks.Add($"owner cannot GET their own {path} -> {(int)own.StatusCode}");
            }
        }

        // Assert
        Assert.Empty(leaks);
    }

    /// <summary>
    /// Who may read what, for a job owned by another requester: admins see everything; other requesters see their
    /// own lists and pages but never this job or its data; workers see their own queue; a private worker of the
    /// job's team sees the task queue only, not the job, its data or its output. The marketplace and billing belong to
    /// requesters, the vendor pages to vendor admins, the earnings page to public workers.
    /// </summary>
    private static bool MaySee(string role, string path, Guid job)
    {
        if (role == Roles.Admin)
        {
            return true;
        }

        var aboutTheJob = path.Contains(job.ToString(), StringComparison.Ordinal)
            || path.StartsWith("/api/data-objects", StringComparison.Ordinal)
            || path.StartsWith("/api/tasks/", StringComparison.Ordinal);
        if (aboutTheJob)
        {
            return false;
        }

        if (path.StartsWith("/admin", StringComparison.Ordinal))
        {
            return false;
        }

        var requesterOnly = path is "/jobs" or "/jobs/new" or "/api/jobs" or "/api/jobs/" or "/marketplace" or "/billing" or "/api/marketplace" or "/api/billing";
        var workerOnly = path is "/work" or "/api/work/jobs" || path.StartsWith("/work/", StringComparison.Ordinal);
        if (path.StartsWith("/vendor", StringComparison.Ordinal))
        {
            return role == Roles.VendorAdmin;
        }

        if (path == "/earnings")
        {
            return role == Roles.PublicWorker;
        }

        return requesterOnly ? role == Roles.Requester : !workerOnly || Roles.Workers.Contains(role);
    }

    private static string? Fill(string route, Guid job, long objectId)
    {
        var filled = route
            .Replace("{id:guid}", job.ToString(), StringComparison.Ordinal)
            .Replace("{JobId:guid}", job.ToString(), StringComparison.Ordinal)
            .Replace("{jobId:guid}", job.ToString(), StringComparison.Ordinal)
            .Replace("{id:long}", objectId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{taskId:long}", "1", StringComparison.Ordinal)
            .Replace("{TaskId:long}", "1", StringComparison.Ordinal)
            .Replace("{index:int}", "0", StringComparison.Ordinal);
        return filled.Contains('{', StringComparison.Ordinal) ? null : filled;
    }

    private sealed class ExtraEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.UseEndpoints(e => e.MapGet("/api/jobs/{id}/leak", () => "secret"));
        };
    }
}
