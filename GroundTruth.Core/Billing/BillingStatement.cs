namespace GroundTruth.Core.Billing;

/// <summary>A total of charges in one currency, under a grouping key (a payee, a month, a job).</summary>
/// <param name="Key">What the charges were grouped by, as shown.</param>
/// <param name="Quantity">Units charged.</param>
/// <param name="Amount">The sum of the charges.</param>
/// <param name="Currency">ISO 4217 currency code.</param>
public sealed record ChargeTotal(string Key, int Quantity, decimal Amount, string Currency);

/// <summary>A requester's charges summed per payee, per month and per job, with totals per currency.</summary>
public sealed class BillingStatement
{
    private BillingStatement(IReadOnlyList<Charge> charges)
    {
        Charges = charges;
        ByPayee = Sum(charges, c => c.Payee);
        ByMonth = [.. Sum(charges, c => c.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).OrderByDescending(t => t.Key, StringComparer.Ordinal)];
        ByJob = Sum(charges, c => c.JobName);
        Totals = Sum(charges, _ => "Total");
    }

    /// <summary>The charges, newest month first.</summary>
    public IReadOnlyList<Charge> Charges { get; }

    /// <summary>Totals per payee (vendor or public crowd).</summary>
    public IReadOnlyList<ChargeTotal> ByPayee { get; }

    /// <summary>Totals per month, newest first.</summary>
    public IReadOnlyList<ChargeTotal> ByMonth { get; }

    /// <summary>Totals per job.</summary>
    public IReadOnlyList<ChargeTotal> ByJob { get; }

    /// <summary>Grand totals, one per currency.</summary>
    public IReadOnlyList<ChargeTotal> Totals { get; }

    /// <summary>Builds the statement; charges of zero units are left out.</summary>
    public static BillingStatement From(IEnumerable<Charge> charges) =>
        new([.. charges.Where(c => c.Quantity > 0).OrderByDescending(c => c.Month).ThenBy(c => c.Payee, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.JobName, StringComparer.Ordinal)]);

    private static List<ChargeTotal> Sum(IReadOnlyList<Charge> charges, Func<Charge, string> key) =>
        [.. charges.GroupBy(c => (Key: key(c), c.Currency))
            .Select(g => new ChargeTotal(g.Key.Key, g.Sum(c => c.Quantity), g.Sum(c => c.Amount), g.Key.Currency))
            .OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase)];
}
