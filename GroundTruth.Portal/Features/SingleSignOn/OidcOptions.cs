using System.ComponentModel.DataAnnotations;
using GroundTruth.Portal.Security;

namespace GroundTruth.Portal.Features.SingleSignOn;

/// <summary>
/// The <c>GroundTruth:Oidc</c> section: an external OpenID Connect provider for the private workforce (like Ground
/// Truth's "bring your own OIDC IdP"). Without an <see cref="Authority"/>, only local accounts exist.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "GroundTruth:Oidc";

    /// <summary>The authentication scheme, and the provider name stored with each linked account.</summary>
    public const string Scheme = "oidc";

    /// <summary>The issuer, e.g. <c>https://login.example.com/realms/acme</c>; its discovery document is read from there.</summary>
    public string? Authority { get; set; }

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    /// <summary>Shown on the sign-in button: "Sign in with …".</summary>
    [StringLength(60)]
    public string DisplayName { get; set; } = "single sign-on";

    /// <summary>A claim whose values name portal roles (e.g. <c>groups</c> holding <c>Requester</c>); Admin is never taken from it.</summary>
    public string? RoleClaim { get; set; }

    /// <summary>The role of a first sign-in when <see cref="RoleClaim"/> names none.</summary>
    public string DefaultRole { get; set; } = Roles.PrivateWorker;

    /// <summary>A work team every new account joins, by name.</summary>
    public string? Team { get; set; }

    /// <summary>Only for a provider on the same machine in development or tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);
}
