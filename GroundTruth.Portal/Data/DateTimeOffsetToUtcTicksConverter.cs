using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GroundTruth.Portal.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks (SQLite only), read back with a zero offset.</summary>
public sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
