namespace GroundTruth.Core.Workforce;

/// <summary>A vendor admin's membership of their company: they maintain its listing and its workers.</summary>
public sealed class VendorCompanyAdmin
{
    /// <summary>The company.</summary>
    public Guid VendorCompanyId { get; set; }

    /// <summary>The vendor admin's user id.</summary>
    public required string UserId { get; set; }
}
