using GroundTruth.Core.Jobs;
using GroundTruth.Core.Workforce;

namespace GroundTruth.Portal.Features.Vendors;

/// <summary>What the listing form binds to: lists as one-per-line text, as a person types them.</summary>
public sealed class ListingFormModel
{
    public string Description { get; set; } = "";

    public string LanguagesText { get; set; } = "";

    public IReadOnlyCollection<TaskType> Capabilities { get; set; } = [];

    public decimal PricePerObject { get; set; }

    public string Currency { get; set; } = VendorListing.DefaultCurrency;

    public string AttestationsText { get; set; } = "";

    public bool IsPublished { get; set; }

    public void Load(VendorListing listing)
    {
        Description = listing.Description;
        LanguagesText = string.Join(", ", listing.Languages);
        Capabilities = [.. listing.Capabilities];
        PricePerObject = listing.PricePerObject;
        Currency = listing.Currency;
        AttestationsText = string.Join('\n', listing.SecurityAttestations);
        IsPublished = listing.IsPublished;
    }

    public VendorListing ToListing() => new()
    {
        Description = Description.Trim(),
        Languages = Split(LanguagesText, ','),
        Capabilities = [.. Capabilities],
        PricePerObject = PricePerObject,
        Currency = Currency.Trim().ToUpperInvariant(),
        SecurityAttestations = Split(AttestationsText, '\n'),
        IsPublished = IsPublished,
    };

    private static string[] Split(string text, char separator) =>
        [.. text.Split(separator, '\n').Select(s => s.Trim()).Where(s => s.Length > 0)];
}
