using System.Text.Json;
using GroundTruth.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class LabelingJobConfiguration : IEntityTypeConfiguration<LabelingJob>
{
    public void Configure(EntityTypeBuilder<LabelingJob> builder)
    {
        builder.ToTable("Jobs");
        builder.Property(j => j.Name).HasMaxLength(JobNaming.MaxJobNameLength);
        builder.Property(j => j.NameKey).HasMaxLength(JobNaming.MaxJobNameLength);
        builder.HasIndex(j => j.NameKey).IsUnique();
        builder.Property(j => j.LabelAttributeName).HasMaxLength(JobNaming.MaxLabelAttributeNameLength);
        builder.Property(j => j.PreAnnotationsAttribute).HasMaxLength(JobNaming.MaxLabelAttributeNameLength);
        builder.Property(j => j.RequesterId).HasMaxLength(450);
        builder.HasIndex(j => new { j.RequesterId, j.CreatedAt });
        builder.HasIndex(j => new { j.WorkTeamId, j.Status });
        builder.Property(j => j.Version).IsConcurrencyToken();
        builder.Property(j => j.PricePerObject).HasPrecision(18, 4);
        builder.Property(j => j.PricePerTask).HasPrecision(18, 4);
        builder.Property(j => j.Currency).HasMaxLength(3);
        builder.HasIndex(j => j.VendorCompanyId);
        builder.Property(j => j.Labels).HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web),
            v => JsonSerializer.Deserialize<List<LabelCategory>>(v, JsonSerializerOptions.Web) ?? new List<LabelCategory>(),
            new ValueComparer<List<LabelCategory>>(
                (a, b) => a!.SequenceEqual(b!),
                v => v.Aggregate(0, (h, l) => HashCode.Combine(h, l.GetHashCode())),
                v => v.ToList()));
        builder.OwnsOne(j => j.Instructions, i =>
        {
            i.Property(x => x.ShortText).HasColumnName("ShortInstructions");
            i.Property(x => x.FullText).HasColumnName("FullInstructions");
            i.Property(x => x.GoodExampleKeys).HasColumnName("GoodExampleKeys");
            i.Property(x => x.BadExampleKeys).HasColumnName("BadExampleKeys");
        });
        builder.Ignore(j => j.Descriptor);
        builder.Ignore(j => j.Counters);
        builder.Ignore(j => j.AcceptsWork);
    }
}
