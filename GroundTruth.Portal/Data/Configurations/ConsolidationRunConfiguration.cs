using System.Text.Json;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class ConsolidationRunConfiguration : IEntityTypeConfiguration<ConsolidationRun>
{
    public void Configure(EntityTypeBuilder<ConsolidationRun> builder)
    {
        builder.ToTable("ConsolidationRuns");
        builder.HasOne<LabelingJob>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.JobId, r.CreatedAt });
        builder.Property(r => r.RequestedBy).HasMaxLength(450);
        builder.Property(r => r.Settings).HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
            v => JsonSerializer.Deserialize<ConsolidationSettings>(v, JsonSerializerOptions.Web) ?? new ConsolidationSettings("ds", 100, 2.0));
    }
}
