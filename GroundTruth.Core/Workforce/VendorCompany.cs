using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Workforce;

/// <summary>
/// A vendor company on the marketplace. Its workers are the members of its <see cref="WorkTeamId"/> team (of kind
/// <see cref="WorkforceKind.Vendor"/>); its vendor admins maintain the listing below.
/// </summary>
public sealed class VendorCompany
{
    /// <summary>The company's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The company name (1–63 characters, unique); also the name of its work team.</summary>
    public required string Name { get; set; }

    /// <summary>The vendor work team whose members are the company's workers.</summary>
    public Guid WorkTeamId { get; set; }

    /// <summary>When an administrator created the company.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What the company offers, as requesters read it on the marketplace.</summary>
    public string Description { get; set; } = "";

    /// <summary>Languages the company's workers label in.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>The task types the company takes on.</summary>
    public List<TaskType> Capabilities { get; set; } = [];

    /// <summary>What the company charges for each object labeled, in <see cref="Currency"/>.</summary>
    public decimal PricePerObject { get; set; }

    /// <summary>ISO 4217 code of the currency the company charges in.</summary>
    public string Currency { get; set; } = VendorListing.DefaultCurrency;

    /// <summary>Security attestations the company holds (e.g. "ISO 27001", "SOC 2 Type II").</summary>
    public List<string> SecurityAttestations { get; set; } = [];

    /// <summary>Whether requesters see the listing on the marketplace.</summary>
    public bool IsPublished { get; set; }

    /// <summary>When a vendor admin last changed the listing; <c>null</c> until they do.</summary>
    public DateTimeOffset? ListingUpdatedAt { get; set; }
}
