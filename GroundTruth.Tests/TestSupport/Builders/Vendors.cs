using GroundTruth.Core.Jobs;
using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Vendors;
using GroundTruth.Portal.Security;

namespace GroundTruth.Tests.TestSupport.Builders;

/// <summary>A vendor company with a vendor admin, a listing and optionally workers, made through the portal's services.</summary>
public sealed record TestVendor(Guid Id, Guid TeamId, string Name, string AdminId);

public static class Vendors
{
    public static VendorListing Listing(decimal price = 0.25m, bool published = true, params TaskType[] types) => new()
    {
        Description = "Careful labelers with a second check on every object.",
        Languages = ["English", "German"],
        Capabilities = types.Length == 0 ? [TaskType.TextClassification, TaskType.ImageClassification] : types,
        PricePerObject = price,
        Currency = "USD",
        SecurityAttestations = ["ISO 27001"],
        IsPublished = published,
    };

    public static async Task<TestVendor> CreateAsync(PortalFactory portal, string? name = null, VendorListing? listing = null, params string[] workerIds)
    {
        name ??= Specs.UniqueName("vendor");
        var admin = await portal.CreateUserAsync($"va-{Guid.NewGuid():N}@vendor.test", Roles.VendorAdmin);
        var service = portal.Get<VendorService>();
        var id = await service.CreateWithAdminAsync(name, admin, actorId: null);
        var errors = await service.SaveListingAsync(admin, listing ?? Listing());
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        var team = (await service.GetOwnAsync(admin))!.TeamId;
        foreach (var worker in workerIds)
        {
            await portal.Get<WorkforceService>().AddMemberAsync(team, worker);
        }

        return new TestVendor(id, team, name, admin);
    }
}
