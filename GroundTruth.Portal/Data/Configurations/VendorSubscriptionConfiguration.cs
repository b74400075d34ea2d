using GroundTruth.Core.Workforce;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class VendorSubscriptionConfiguration : IEntityTypeConfiguration<VendorSubscription>
{
    public void Configure(EntityTypeBuilder<VendorSubscription> builder)
    {
        builder.ToTable("VendorSubscriptions");
        builder.HasKey(s => new { s.RequesterId, s.VendorCompanyId });
        builder.Property(s => s.RequesterId).HasMaxLength(450);
        builder.HasOne<VendorCompany>().WithMany().HasForeignKey(s => s.VendorCompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.RequesterId).OnDelete(DeleteBehavior.Cascade);
    }
}
