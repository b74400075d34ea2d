using GroundTruth.Core.Assignment;
using GroundTruth.Core.DataObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class TaskAssignmentConfiguration : IEntityTypeConfiguration<TaskAssignment>
{
    public void Configure(EntityTypeBuilder<TaskAssignment> builder)
    {
        builder.ToTable("Assignments");
        builder.Property(a => a.WorkerId).HasMaxLength(450);
        builder.HasOne<DataObject>().WithMany().HasForeignKey(a => a.DataObjectId).OnDelete(DeleteBehavior.Cascade);
        // A worker never gets the same object twice: enforced by the database, not only by the claim query.
        builder.HasIndex(a => new { a.DataObjectId, a.WorkerId }).IsUnique();
        builder.HasIndex(a => new { a.WorkerId, a.JobId, a.State });
        builder.HasIndex(a => new { a.State, a.LeaseExpiresAt });
    }
}
