namespace GroundTruth.Core.Billing;

/// <summary>What one job owes one payee for one month: <see cref="Quantity"/> units at <see cref="UnitPrice"/>.</summary>
/// <param name="JobId">The job.</param>
/// <param name="JobName">The job's name.</param>
/// <param name="Payee">Who is paid: the vendor company's name, or the public crowd.</param>
/// <param name="Month">The first day of the month the units were completed in (UTC).</param>
/// <param name="Quantity">Objects labeled (vendors) or tasks submitted (public crowd).</param>
/// <param name="UnitPrice">The price per unit snapshotted on the job.</param>
/// <param name="Currency">ISO 4217 currency code.</param>
public sealed record Charge(Guid JobId, string JobName, string Payee, DateOnly Month, int Quantity, decimal UnitPrice, string Currency)
{
    /// <summary>Quantity × unit price.</summary>
    public decimal Amount => Quantity * UnitPrice;
}
