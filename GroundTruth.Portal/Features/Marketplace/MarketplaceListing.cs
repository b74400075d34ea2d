using GroundTruth.Core.Jobs;

namespace GroundTruth.Portal.Features.Marketplace;

/// <summary>A published vendor listing as a requester reads it, with whether they are subscribed.</summary>
public sealed record MarketplaceListing(
    Guid VendorId,
    string Name,
    string Description,
    IReadOnlyList<string> Languages,
    IReadOnlyList<TaskType> Capabilities,
    decimal PricePerObject,
    string Currency,
    IReadOnlyList<string> SecurityAttestations,
    int Workers,
    bool Subscribed);
