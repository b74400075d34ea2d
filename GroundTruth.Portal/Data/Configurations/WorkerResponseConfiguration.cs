using GroundTruth.Core.Assignment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class WorkerResponseConfiguration : IEntityTypeConfiguration<WorkerResponse>
{
    public void Configure(EntityTypeBuilder<WorkerResponse> builder)
    {
        builder.ToTable("Responses");
        builder.Property(r => r.WorkerId).HasMaxLength(450);
        builder.HasOne<TaskAssignment>().WithOne().HasForeignKey<WorkerResponse>(r => r.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.AssignmentId).IsUnique();
        builder.HasIndex(r => new { r.JobId, r.DataObjectId });
    }
}
