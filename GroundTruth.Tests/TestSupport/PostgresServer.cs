namespace GroundTruth.Tests.TestSupport;

/// <summary>The PostgreSQL server for provider tests, from <c>GT_PG</c> (e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c>); <c>.ci/run</c> starts one.</summary>
public static class PostgresServer
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("GT_PG") is { Length: > 0 } value ? value : null;

    /// <summary>Skips the current test when no server is configured, except in CI, where a missing server is a failure.</summary>
    public static void RequireOrSkip()
    {
        if (ConnectionString is not null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail("CI must provide a PostgreSQL server through GT_PG.");
        }

        Assert.Skip("GT_PG is not set; run .ci/run to test against PostgreSQL.");
    }
}
