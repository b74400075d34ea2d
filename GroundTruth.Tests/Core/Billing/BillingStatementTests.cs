using GroundTruth.Core.Billing;

namespace GroundTruth.Tests.Core.Billing;

public class BillingStatementTests
{
    private static readonly Guid JobA = Guid.NewGuid();
    private static readonly Guid JobB = Guid.NewGuid();

    [Fact]
    public void From_ChargesOfTwoVendorsOverTwoMonths_SumsPerVendorMonthJobAndTotal()
    {
        var statement = BillingStatement.From(
        [
            new Charge(JobA, "job-a", "Acme", new DateOnly(2026, 10, 1), 3, 0.25m, "USD"),
            new Charge(JobA, "job-a", "Acme", new DateOnly(2026, 11, 1), 2, 0.25m, "USD"),
            new Charge(JobB, "job-b", "Public crowd", new DateOnly(2026, 11, 1), 4, 0.05m, "USD"),
        ]);

        Assert.Equal([("Acme", 5, 1.25m), ("Public crowd", 4, 0.20m)], statement.ByPayee.Select(t => (t.Key, t.Quantity, t.Amount)));
        Assert.Equal([("2026-11", 6, 0.70m), ("2026-10", 3, 0.75m)], statement.ByMonth.Select(t => (t.Key, t.Quantity, t.Amount)));
        Assert.Equal([("job-a", 1.25m), ("job-b", 0.20m)], statement.ByJob.Select(t => (t.Key, t.Amount)));
        Assert.Equal(1.45m, Assert.Single(statement.Totals).Amount);
        Assert.Equal(new DateOnly(2026, 11, 1), statement.Charges[0].Month);
    }

    [Fact]
    public void From_TwoCurrencies_KeepsSeparateTotals()
    {
        var statement = BillingStatement.From(
        [
            new Charge(JobA, "job-a", "Acme", new DateOnly(2026, 11, 1), 10, 0.1m, "USD"),
            new Charge(JobB, "job-b", "Euro Labels", new DateOnly(2026, 11, 1), 10, 0.2m, "EUR"),
        ]);

        Assert.Equal([("EUR", 2.0m), ("USD", 1.0m)], statement.Totals.Select(t => (t.Currency, t.Amount)).Order());
    }

    [Fact]
    public void From_ZeroUnits_LeavesTheChargeOut()
    {
        Assert.Empty(BillingStatement.From([new Charge(JobA, "job-a", "Acme", new DateOnly(2026, 11, 1), 0, 1m, "USD")]).Charges);
    }
}
