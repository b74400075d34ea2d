using GroundTruth.Core.Workforce;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class WorkTeamConfiguration : IEntityTypeConfiguration<WorkTeam>
{
    public void Configure(EntityTypeBuilder<WorkTeam> builder)
    {
        builder.ToTable("WorkTeams");
        builder.Property(t => t.Name).HasMaxLength(63);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(200);
        builder.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.WorkTeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
