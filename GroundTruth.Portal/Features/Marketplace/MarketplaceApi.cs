using GroundTruth.Portal.Features.Billing;
using GroundTruth.Portal.Security;

namespace GroundTruth.Portal.Features.Marketplace;

/// <summary>The requester's marketplace and billing API: browse listings, subscribe, unsubscribe, read charges.</summary>
public static class MarketplaceApi
{
    public static IEndpointRouteBuilder MapMarketplaceApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").RequireAuthorization(Policies.CreateJobs).DisableAntiforgery();

        api.MapGet("/marketplace", async (HttpContext http, MarketplaceService marketplace, CancellationToken ct) =>
            Results.Ok(await marketplace.BrowseAsync(Caller.From(http.User).UserId, ct)));

        api.MapGet("/marketplace/{vendorId:guid}", async (Guid vendorId, HttpContext http, MarketplaceService marketplace, CancellationToken ct) =>
            await marketplace.GetAsync(vendorId, Caller.From(http.User).UserId, ct) is { } listing ? Results.Ok(listing) : Results.NotFound());

        api.MapPut("/marketplace/{vendorId:guid}/subscription", async (Guid vendorId, HttpContext http, MarketplaceService marketplace, CancellationToken ct) =>
            await marketplace.SubscribeAsync(vendorId, Caller.From(http.User).UserId, ct) ? Results.NoContent() : Results.NotFound());

        api.MapDelete("/marketplace/{vendorId:guid}/subscription", async (Guid vendorId, HttpContext http, MarketplaceService marketplace, CancellationToken ct) =>
            await marketplace.UnsubscribeAsync(vendorId, Caller.From(http.User).UserId, ct) ? Results.NoContent() : Results.NotFound());

        // Only the caller's own charges: the statement is looked up by the signed-in user, never by a parameter.
        api.MapGet("/billing", async (HttpContext http, BillingService billing, CancellationToken ct) =>
        {
            var statement = await billing.GetStatementAsync(Caller.From(http.User).UserId, ct);
            return Results.Ok(new { statement.Charges, statement.ByPayee, statement.ByMonth, statement.ByJob, statement.Totals });
        });
        return endpoints;
    }
}
