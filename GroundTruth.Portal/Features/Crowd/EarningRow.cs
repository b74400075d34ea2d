namespace GroundTruth.Portal.Features.Crowd;

/// <summary>One submitted public-crowd task and what it earned.</summary>
public sealed record EarningRow(string JobName, DateTimeOffset SubmittedAt, decimal Price, string Currency);

/// <summary>A public worker's submitted tasks, newest first, and their totals per currency.</summary>
public sealed record Earnings(IReadOnlyList<EarningRow> Tasks, IReadOnlyList<(decimal Amount, string Currency)> Totals);
