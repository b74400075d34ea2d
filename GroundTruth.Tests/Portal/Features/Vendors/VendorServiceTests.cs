using GroundTruth.Portal.Features.Vendors;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Features.Vendors;

/// <summary>Creating a vendor company with its first admin: the invitation's checks decide, before the company exists.</summary>
public sealed class VendorServiceTests(SqlitePortalFixture fixture) : IClassFixture<SqlitePortalFixture>
{
    private PortalFactory Portal => fixture.Require();

    [Theory]
    [InlineData("not-an-address", "'not-an-address' is not an e-mail address.")]
    [InlineData("EXISTING", "{0} already has an account; use a new address for the vendor admin.")]
    public async Task CreateAsync_AdminEmailTheInvitationRefuses_ReturnsItsErrorAndCreatesNoCompany(string email, string message)
    {
        var admin = await Portal.CreateUserAsync($"admin-{Guid.NewGuid():N}@t.io", Roles.Admin);
        if (email == "EXISTING")
        {
            email = $"taken-{Guid.NewGuid():N}@t.io";
            await Portal.CreateUserAsync(email, Roles.PrivateWorker);
        }

        var name = Specs.UniqueName("vendor");

        var (created, errors) = await Portal.Get<VendorService>().CreateAsync(name, email, admin);

        Assert.Null(created);
        Assert.Equal(("Email", string.Format(System.Globalization.CultureInfo.InvariantCulture, message, email)), (errors.Single().Field, errors.Single().Message));
        Assert.False(await Portal.WithDbAsync(db => db.VendorCompanies.AnyAsync(c => c.Name == name)));
        Assert.False(await Portal.WithDbAsync(db => db.WorkTeams.AnyAsync(t => t.Name == name)));
    }

    [Fact]
    public async Task CreateAsync_NewAdminEmail_CreatesTheCompanyAndInvitesItsVendorAdmin()
    {
        var admin = await Portal.CreateUserAsync($"admin-{Guid.NewGuid():N}@t.io", Roles.Admin);
        var email = $"first-admin-{Guid.NewGuid():N}@t.io";

        var (created, errors) = await Portal.Get<VendorService>().CreateAsync(Specs.UniqueName("vendor"), $" {email} ", admin);

        Assert.Empty(errors);
        var invitation = await Portal.WithDbAsync(db => db.Invitations.SingleAsync(i => i.Id == created!.AdminInvitation.InvitationId));
        var company = await Portal.WithDbAsync(db => db.VendorCompanies.SingleAsync(c => c.Id == created!.VendorId));
        Assert.Equal((email, Roles.VendorAdmin, company.WorkTeamId), (invitation.Email, invitation.Role, invitation.WorkTeamId!.Value));
    }
}
