using GroundTruth.Core.Workforce;

namespace GroundTruth.Portal.Features.Vendors;

public sealed record VendorRow(Guid Id, string Name, bool IsPublished, int Workers, IReadOnlyList<string> AdminEmails, DateTimeOffset CreatedAt);

public sealed record VendorCreated(Guid VendorId, Invitations.InvitationLink AdminInvitation);

/// <summary>The vendor admin's view of their company: its listing and its workers.</summary>
public sealed record OwnVendor(Guid Id, string Name, Guid TeamId, VendorListing Listing, DateTimeOffset? ListingUpdatedAt, IReadOnlyList<Admin.TeamMemberRow> Workers);
