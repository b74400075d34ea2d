using System.Text.Json;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Workforce;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroundTruth.Portal.Data.Configurations;

public sealed class VendorCompanyConfiguration : IEntityTypeConfiguration<VendorCompany>
{
    public void Configure(EntityTypeBuilder<VendorCompany> builder)
    {
        builder.ToTable("VendorCompanies");
        builder.Property(c => c.Name).HasMaxLength(63);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasOne<WorkTeam>().WithOne().HasForeignKey<VendorCompany>(c => c.WorkTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Description).HasMaxLength(VendorListing.MaxDescriptionLength);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.PricePerObject).HasPrecision(18, 4);
        // Short lists read and written with the company; JSON keeps one schema for both providers.
        builder.Property(c => c.Languages).HasConversion(Json<string>(), Comparer<string>());
        builder.Property(c => c.SecurityAttestations).HasConversion(Json<string>(), Comparer<string>());
        builder.Property(c => c.Capabilities).HasConversion(Json<TaskType>(), Comparer<TaskType>());
        builder.HasIndex(c => c.IsPublished);
    }

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<T>, string> Json<T>() => new(
        v => JsonSerializer.Serialize(v, JsonOptions),
        v => JsonSerializer.Deserialize<List<T>>(v, JsonOptions) ?? new List<T>());

    private static ValueComparer<List<T>> Comparer<T>() => new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        v => v.ToList());

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
