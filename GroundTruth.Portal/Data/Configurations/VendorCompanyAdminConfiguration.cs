using GroundTruth.Core.Workforce;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class VendorCompanyAdminConfiguration : IEntityTypeConfiguration<VendorCompanyAdmin>
{
    public void Configure(EntityTypeBuilder<VendorCompanyAdmin> builder)
    {
        builder.ToTable("VendorCompanyAdmins");
        builder.HasKey(a => new { a.VendorCompanyId, a.UserId });
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.HasIndex(a => a.UserId);
        builder.HasOne<VendorCompany>().WithMany().HasForeignKey(a => a.VendorCompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
