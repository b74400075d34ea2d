namespace GroundTruth.Core.Audit;

/// <summary>The audited actions.</summary>
public static class AuditActions
{
    /// <summary>A user signed in.</summary>
    public const string SignIn = "sign-in";

    /// <summary>A sign-in failed (wrong password, unknown user, locked out).</summary>
    public const string SignInFailed = "sign-in-failed";

    /// <summary>A user account was created.</summary>
    public const string UserCreated = "user-created";

    /// <summary>A user's roles changed.</summary>
    public const string RolesChanged = "roles-changed";

    /// <summary>An admin deactivated an account: it cannot sign in, its sessions end and its tasks go back to the pool.</summary>
    public const string UserDeactivated = "user-deactivated";

    /// <summary>An admin reactivated a deactivated account.</summary>
    public const string UserReactivated = "user-reactivated";

    /// <summary>A work team was created.</summary>
    public const string TeamCreated = "team-created";

    /// <summary>A member joined or left a work team.</summary>
    public const string TeamMembersChanged = "team-members-changed";

    /// <summary>A labeling job was created.</summary>
    public const string JobCreated = "job-created";

    /// <summary>A labeling job was stopped.</summary>
    public const string JobStopped = "job-stopped";

    /// <summary>A job's output manifest or worker responses were downloaded.</summary>
    public const string DataDownloaded = "data-downloaded";

    /// <summary>A data object (image or text) was viewed.</summary>
    public const string DataObjectViewed = "data-object-viewed";

    /// <summary>An administrator created a vendor company.</summary>
    public const string VendorCreated = "vendor-created";

    /// <summary>A vendor admin changed their company's marketplace listing (details say whether it is published).</summary>
    public const string ListingChanged = "listing-changed";

    /// <summary>A vendor admin published or unpublished their listing.</summary>
    public const string ListingPublished = "listing-published";

    /// <summary>A requester subscribed to a vendor.</summary>
    public const string VendorSubscribed = "vendor-subscribed";

    /// <summary>A requester unsubscribed from a vendor.</summary>
    public const string VendorUnsubscribed = "vendor-unsubscribed";

    /// <summary>Every action, for filters.</summary>
    public static IReadOnlyList<string> All { get; } =
        [SignIn, SignInFailed, UserCreated, RolesChanged, UserDeactivated, UserReactivated, TeamCreated, TeamMembersChanged, JobCreated, JobStopped, DataDownloaded, DataObjectViewed,
         VendorCreated, ListingChanged, ListingPublished, VendorSubscribed, VendorUnsubscribed];
}
