using GroundTruth.Core.Consolidation;
using GroundTruth.Core.DataObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class RunLabelConfiguration : IEntityTypeConfiguration<RunLabel>
{
    public void Configure(EntityTypeBuilder<RunLabel> builder)
    {
        builder.ToTable("RunLabels");
        builder.HasKey(l => new { l.RunId, l.DataObjectId });
        builder.HasOne<ConsolidationRun>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DataObject>().WithMany().HasForeignKey(l => l.DataObjectId).OnDelete(DeleteBehavior.NoAction);
        builder.HasIndex(l => new { l.RunId, l.Confidence });
    }
}
