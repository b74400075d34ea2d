namespace GroundTruth.Core.Workforce;

/// <summary>The single work team of the public crowd: everyone who registered as a public worker.</summary>
public static class PublicCrowd
{
    /// <summary>The public team's name.</summary>
    public const string TeamName = "Public crowd";

    /// <summary>The currency public workers are paid in.</summary>
    public const string Currency = VendorListing.DefaultCurrency;
}
