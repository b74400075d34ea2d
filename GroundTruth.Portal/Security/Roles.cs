namespace GroundTruth.Portal.Security;

/// <summary>The Identity roles. Each user has one or more.</summary>
public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string Requester = nameof(Requester);
    public const string PrivateWorker = nameof(PrivateWorker);
    public const string VendorAdmin = nameof(VendorAdmin);
    public const string VendorWorker = nameof(VendorWorker);
    public const string PublicWorker = nameof(PublicWorker);

    public static IReadOnlyList<string> All { get; } = [Admin, Requester, PrivateWorker, VendorAdmin, VendorWorker, PublicWorker];

    public static IReadOnlyList<string> Workers { get; } = [PrivateWorker, VendorWorker, PublicWorker];
}
