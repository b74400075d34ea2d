using GroundTruth.Core.Workforce;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class WorkTeamMemberConfiguration : IEntityTypeConfiguration<WorkTeamMember>
{
    public void Configure(EntityTypeBuilder<WorkTeamMember> builder)
    {
        builder.ToTable("WorkTeamMembers");
        builder.HasKey(m => new { m.WorkTeamId, m.UserId });
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.UserId);
    }
}
