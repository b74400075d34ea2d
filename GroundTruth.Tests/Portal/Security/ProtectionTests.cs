using System.Net;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace GroundTruth.Tests.Portal.Security;

public sealed class ProtectionTests
{
    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        await using var portal = new PortalFactory();

        var response = await portal.CreateClient().GetAsync("/setup");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task SignIn_TooManyPostsFromOneAddress_AreRefusedWith429()
    {
        await using var portal = (PortalFactory)new PortalFactory();
        await using var limited = portal.WithWebHostBuilder(b => b.UseSetting("GroundTruth:RateLimits:SignInPerMinute", "3"));
        await portal.CreateUserAsync("adm@limit.test", Roles.Admin);
        var client = limited.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@y.z", ["Input.Password"] = "nope" });
            statuses.Add((await client.PostAsync("/Account/Login", form)).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(3));
    }

    [Fact]
    public async Task Api_TooManyCallsFromOneUser_AreRefusedWith429()
    {
        await using var portal = new PortalFactory();
        await using var limited = portal.WithWebHostBuilder(b => b.UseSetting("GroundTruth:RateLimits:ApiPerMinute", "4"));
        var statuses = new List<HttpStatusCode>();
        var client = limited.CreateClient(new() { AllowAutoRedirect = false });

        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.GetAsync("/api/jobs")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
