using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class DataObjectConfiguration : IEntityTypeConfiguration<DataObject>
{
    public void Configure(EntityTypeBuilder<DataObject> builder)
    {
        builder.ToTable("DataObjects");
        builder.HasOne<LabelingJob>().WithMany().HasForeignKey(o => o.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.JobId, o.DatasetObjectId }).IsUnique();
        // The claim query looks for pending objects of a job with a free slot, in manifest order.
        builder.HasIndex(o => new { o.JobId, o.Status, o.ClaimedSlots, o.DatasetObjectId });
    }
}
