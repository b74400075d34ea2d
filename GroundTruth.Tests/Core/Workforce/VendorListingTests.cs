using GroundTruth.Core.Jobs;
using GroundTruth.Core.Workforce;

namespace GroundTruth.Tests.Core.Workforce;

public class VendorListingTests
{
    [Fact]
    public void Validate_UnpublishedDraft_MayBeIncomplete()
    {
        Assert.Empty(new VendorListing().Validate());
    }

    [Fact]
    public void Validate_PublishedWithoutDescriptionTypesOrPrice_NamesEachField()
    {
        var errors = new VendorListing { IsPublished = true }.Validate();

        Assert.Equal(["Capabilities", "Description", "PricePerObject"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Validate_BadCurrency_ReportsCurrency()
    {
        var errors = new VendorListing { Currency = "usd" }.Validate();

        Assert.Equal("Currency", Assert.Single(errors).Field);
    }

    [Fact]
    public void ApplyTo_Company_CopiesTrimmedDistinctValues()
    {
        var company = new VendorCompany { Name = "Acme" };
        var now = DateTimeOffset.UnixEpoch;

        new VendorListing
        {
            Description = " Good labels ",
            Languages = ["English", "english ", "German"],
            Capabilities = [TaskType.BoundingBox, TaskType.BoundingBox],
            PricePerObject = 0.12m,
            IsPublished = true,
        }.ApplyTo(company, now);

        Assert.Equal(("Good labels", 2, 1, 0.12m, true, now), (company.Description, company.Languages.Count, company.Capabilities.Count, company.PricePerObject, company.IsPublished, company.ListingUpdatedAt));
    }
}
