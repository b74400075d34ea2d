using Microsoft.AspNetCore.Authorization;

namespace GroundTruth.Portal.Security;

/// <summary>One policy per capability; pages and endpoints name a policy, never a role.</summary>
public static class Policies
{
    public const string CreateJobs = nameof(CreateJobs);
    public const string DoWork = nameof(DoWork);
    public const string ManageUsers = nameof(ManageUsers);
    public const string ManageTeams = nameof(ManageTeams);
    public const string ManageVendors = nameof(ManageVendors);

    /// <summary>Vendor admins: their own company's listing and workers (which company is checked per request).</summary>
    public const string MaintainVendor = nameof(MaintainVendor);

    /// <summary>Public workers: their earnings.</summary>
    public const string EarnPerTask = nameof(EarnPerTask);

    public static AuthorizationBuilder AddGroundTruthPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(CreateJobs, p => p.RequireRole(Roles.Admin, Roles.Requester))
        .AddPolicy(DoWork, p => p.RequireRole([.. Roles.Workers]))
        .AddPolicy(ManageUsers, p => p.RequireRole(Roles.Admin))
        .AddPolicy(ManageTeams, p => p.RequireRole(Roles.Admin))
        .AddPolicy(ManageVendors, p => p.RequireRole(Roles.Admin))
        .AddPolicy(MaintainVendor, p => p.RequireRole(Roles.VendorAdmin))
        .AddPolicy(EarnPerTask, p => p.RequireRole(Roles.PublicWorker));
}
