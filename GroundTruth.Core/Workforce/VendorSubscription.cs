namespace GroundTruth.Core.Workforce;

/// <summary>A requester's subscription to a vendor: only subscribed vendors are offered for their jobs.</summary>
public sealed class VendorSubscription
{
    /// <summary>The vendor company.</summary>
    public Guid VendorCompanyId { get; set; }

    /// <summary>The requester's user id.</summary>
    public required string RequesterId { get; set; }

    /// <summary>When the requester subscribed.</summary>
    public DateTimeOffset SubscribedAt { get; set; }
}
