using System.Globalization;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Validation;

namespace GroundTruth.Core.Workforce;

/// <summary>What a vendor admin edits: the company's marketplace listing.</summary>
public sealed record VendorListing
{
    /// <summary>The currency listings use unless they say otherwise.</summary>
    public const string DefaultCurrency = "USD";

    /// <summary>Most characters in a description.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>Highest price per object a listing may ask.</summary>
    public const decimal MaxPricePerObject = 10_000m;

    /// <summary>What the company offers.</summary>
    public string Description { get; init; } = "";

    /// <summary>Languages the workers label in.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Task types the company takes on.</summary>
    public IReadOnlyList<TaskType> Capabilities { get; init; } = [];

    /// <summary>Price per object labeled.</summary>
    public decimal PricePerObject { get; init; }

    /// <summary>ISO 4217 currency code, three capital letters.</summary>
    public string Currency { get; init; } = DefaultCurrency;

    /// <summary>Security attestations held.</summary>
    public IReadOnlyList<string> SecurityAttestations { get; init; } = [];

    /// <summary>Whether requesters see the listing.</summary>
    public bool IsPublished { get; init; }

    /// <summary>The listing as the company shows it now.</summary>
    public static VendorListing Of(VendorCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return new()
        {
            Description = company.Description,
            Languages = [.. company.Languages],
            Capabilities = [.. company.Capabilities],
            PricePerObject = company.PricePerObject,
            Currency = company.Currency,
            SecurityAttestations = [.. company.SecurityAttestations],
            IsPublished = company.IsPublished,
        };
    }

    /// <summary>Checks every field; a published listing must say what it offers and what it costs.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (Description.Length > MaxDescriptionLength)
        {
            errors.Add(new(nameof(Description), $"A description has at most {MaxDescriptionLength:N0} characters."));
        }

        if (PricePerObject < 0 || PricePerObject > MaxPricePerObject || decimal.Round(PricePerObject, 4) != PricePerObject)
        {
            errors.Add(new(nameof(PricePerObject), string.Create(CultureInfo.InvariantCulture, $"Use a price per object from 0 to {MaxPricePerObject:N0} with at most 4 decimals.")));
        }

        if (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add(new(nameof(Currency), "Use a three-letter ISO 4217 currency code such as USD or EUR."));
        }

        if (Languages.Any(l => l.Trim().Length is 0 or > 50) || SecurityAttestations.Any(a => a.Trim().Length is 0 or > 100))
        {
            errors.Add(new(nameof(Languages), "Languages have 1–50 characters and attestations 1–100."));
        }

        if (IsPublished)
        {
            if (Description.Trim().Length == 0)
            {
                errors.Add(new(nameof(Description), "Describe what your company offers before publishing the listing."));
            }

            if (Capabilities.Count == 0)
            {
                errors.Add(new(nameof(Capabilities), "Choose at least one task type before publishing the listing."));
            }

            if (PricePerObject <= 0)
            {
                errors.Add(new(nameof(PricePerObject), "Set a price per object greater than zero before publishing the listing."));
            }
        }

        return errors;
    }

    /// <summary>Copies the listing onto the company.</summary>
    public void ApplyTo(VendorCompany company, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(company);
        company.Description = Description.Trim();
        company.Languages = [.. Languages.Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
        company.Capabilities = [.. Capabilities.Distinct()];
        company.PricePerObject = PricePerObject;
        company.Currency = Currency;
        company.SecurityAttestations = [.. SecurityAttestations.Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
        company.IsPublished = IsPublished;
        company.ListingUpdatedAt = now;
    }
}
