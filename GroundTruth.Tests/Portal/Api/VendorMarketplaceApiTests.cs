using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Features.Crowd;
using GroundTruth.Portal.Features.Vendors;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Tests.Portal.Api;

/// <summary>Marketplace subscriptions, workforce rules on job creation and charge accrual, through the real HTTP pipeline.</summary>
public abstract class VendorMarketplaceApiTests(PortalFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private PortalFactory Portal => fixture.Require();

    [Fact]
    public async Task CreateJob_UnsubscribedVendor_IsRefusedUntilTheRequesterSubscribes()
    {
        // Arrange
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var vendor = await Vendors.CreateAsync(Portal);
        var client = Portal.ClientFor(requester);

        // Act
        var refused = await PostJobAsync(client, Specs.Text(vendor.TeamId), Specs.TextManifest(2));
        var subscribed = await client.PutAsync($"/api/marketplace/{vendor.Id}/subscription", null);
        var created = await PostJobAsync(client, Specs.Text(vendor.TeamId), Specs.TextManifest(2));

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not subscribed to the vendor", await WorkTeamErrorAsync(refused));
        Assert.Equal(HttpStatusCode.NoContent, subscribed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var job = await Portal.WithDbAsync(db => db.Jobs.SingleAsync(j => j.Id == id));
        Assert.Equal((vendor.Id, 0.25m, "USD"), (job.VendorCompanyId, job.PricePerObject, job.Currency));
    }

    [Fact]
    public async Task CreateJob_AfterUnsubscribing_IsRefused()
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var vendor = await Vendors.CreateAsync(Portal);
        var client = Portal.ClientFor(requester);
        await client.PutAsync($"/api/marketplace/{vendor.Id}/subscription", null);

        var unsubscribed = await client.DeleteAsync($"/api/marketplace/{vendor.Id}/subscription");
        var refused = await PostJobAsync(client, Specs.Text(vendor.TeamId), Specs.TextManifest(1));

        Assert.Equal(HttpStatusCode.NoContent, unsubscribed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task CreateJob_TaskTypeTheVendorDoesNotTake_IsRefused()
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var vendor = await Vendors.CreateAsync(Portal, listing: Vendors.Listing(types: [TaskType.ImageClassification]));
        await Portal.ClientFor(requester).PutAsync($"/api/marketplace/{vendor.Id}/subscription", null);

        var refused = await PostJobAsync(Portal.ClientFor(requester), Specs.Text(vendor.TeamId), Specs.TextManifest(1));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("does not take Text classification (single label) jobs", await WorkTeamErrorAsync(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marketplace_UnpublishedListing_IsNeitherListedNorSubscribable()
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var hidden = await Vendors.CreateAsync(Portal, listing: Vendors.Listing(published: false));
        var shown = await Vendors.CreateAsync(Portal);
        var client = Portal.ClientFor(requester);

        var listings = await client.GetFromJsonAsync<JsonArray>("/api/marketplace");
        var subscribe = await client.PutAsync($"/api/marketplace/{hidden.Id}/subscription", null);

        var names = listings!.Select(l => l!["name"]!.GetValue<string>()).ToList();
        Assert.Contains(shown.Name, names);
        Assert.DoesNotContain(hidden.Name, names);
        Assert.Equal(HttpStatusCode.NotFound, subscribe.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/marketplace/{hidden.Id}")).StatusCode);
    }

    [Fact]
    public async Task Billing_VendorWorkerLabelsEveryObject_ChargesObjectsTimesTheSnapshottedPrice()
    {
        // Arrange: a subscribed vendor at 0.25 per object, a three-object job, then the vendor raises its price.
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var other = await Portal.CreateUserAsync($"other-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var worker = await Portal.CreateUserAsync($"vw-{Guid.NewGuid():N}@t.io", Roles.VendorWorker);
        var vendor = await Vendors.CreateAsync(Portal, listing: Vendors.Listing(0.25m), workerIds: worker);
        await Portal.ClientFor(requester).PutAsync($"/api/marketplace/{vendor.Id}/subscription", null);
        var job = await Portal.CreateJobAsync(Specs.Text(vendor.TeamId), Specs.TextManifest(3), requester);
        await Portal.Get<VendorService>().SaveListingAsync(vendor.AdminId, Vendors.Listing(9.99m));

        // Act: the vendor worker labels the three objects through the API.
        var labeler = Portal.ClientFor(worker);
        for (var i = 0; i < 3; i++)
        {
            var task = await (await labeler.PostAsync($"/api/jobs/{job}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();
            Assert.True((await labeler.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { labels = new[] { "positive" } })).IsSuccessStatusCode);
        }

        var bill = await Portal.ClientFor(requester).GetFromJsonAsync<JsonObject>("/api/billing");
        var foreign = await Portal.ClientFor(other).GetFromJsonAsync<JsonObject>("/api/billing");

        // Assert
        var charge = Assert.Single(bill!["charges"]!.AsArray());
        Assert.Equal((vendor.Name, 3, 0.25m, 0.75m), (charge!["payee"]!.GetValue<string>(), charge["quantity"]!.GetValue<int>(), charge["unitPrice"]!.GetValue<decimal>(), charge["amount"]!.GetValue<decimal>()));
        Assert.Equal(0.75m, Assert.Single(bill["byPayee"]!.AsArray())!["amount"]!.GetValue<decimal>());
        Assert.Empty(foreign!["charges"]!.AsArray());
    }

    [Fact]
    public async Task Billing_ObjectsLabeledInTwoMonths_ChargesEachMonthItsObjects()
    {
        // Arrange: three labeled objects, one finished a tick before this month began and one exactly as it began.
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var worker = await Portal.CreateUserAsync($"vw-{Guid.NewGuid():N}@t.io", Roles.VendorWorker);
        var vendor = await Vendors.CreateAsync(Portal, listing: Vendors.Listing(0.25m), workerIds: worker);
        await Portal.ClientFor(requester).PutAsync($"/api/marketplace/{vendor.Id}/subscription", null);
        var job = await Portal.CreateJobAsync(Specs.Text(vendor.TeamId), Specs.TextManifest(3), requester);
        var labeler = Portal.ClientFor(worker);
        for (var i = 0; i < 3; i++)
        {
            var task = await (await labeler.PostAsync($"/api/jobs/{job}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();
            Assert.True((await labeler.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { labels = new[] { "positive" } })).IsSuccessStatusCode);
        }

        var now = fixture.Time.GetUtcNow();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = await Portal.WithDbAsync(db => db.DataObjects.Where(o => o.JobId == job).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync());
        await Portal.WithDbAsync(db => db.DataObjects.Where(o => o.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(o => o.CompletedAt, thisMonth.AddTicks(-1))));
        await Portal.WithDbAsync(db => db.DataObjects.Where(o => o.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(o => o.CompletedAt, thisMonth)));

        // Act
        var bill = await Portal.ClientFor(requester).GetFromJsonAsync<JsonObject>("/api/billing");

        // Assert
        var charges = bill!["charges"]!.AsArray().Select(c => (Month: c!["month"]!.GetValue<string>(), Quantity: c["quantity"]!.GetValue<int>())).OrderBy(c => c.Month).ToList();
        Assert.Equal([(DateOnly.FromDateTime(thisMonth.AddMonths(-1).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), 1),
            (DateOnly.FromDateTime(thisMonth.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), 2)], charges);
    }

    [Fact]
    public async Task CreateJob_PublicCrowdWithoutPriceOrConfirmation_IsRefusedWithFieldMessages()
    {
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var crowd = await Portal.Get<PublicCrowdService>().EnsureTeamAsync();

        // The client claims a private workforce; the stored team decides.
        var response = await PostJobAsync(Portal.ClientFor(requester), Specs.Text(crowd) with { Workforce = WorkforceKind.Private }, Specs.TextManifest(1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("Set the price per task the public crowd is paid.", errors["PricePerTask"]![0]!.GetValue<string>());
        Assert.StartsWith("Confirm that the data contains no personal or confidential information", errors["NoPersonalDataConfirmed"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task PublicJob_WorkerSubmits_ConfirmationShownEarningsAndChargeAccrue()
    {
        // Arrange
        var requester = await Portal.CreateUserAsync($"req-{Guid.NewGuid():N}@t.io", Roles.Requester);
        var worker = await Portal.CreateUserAsync($"pw-{Guid.NewGuid():N}@t.io", Roles.PublicWorker);
        await Portal.Get<PublicCrowdService>().JoinAsync(worker);
        var crowd = await Portal.Get<PublicCrowdService>().EnsureTeamAsync();
        var created = await PostJobAsync(Portal.ClientFor(requester), Specs.Text(crowd) with { PricePerTask = 0.05m, NoPersonalDataConfirmed = true }, Specs.TextManifest(2));
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        await Portal.WaitForStatusAsync(id, s => s != JobStatus.Initializing);

        // Act
        var labeler = Portal.ClientFor(worker);
        var task = await (await labeler.PostAsync($"/api/jobs/{id}/tasks/claim", null)).Content.ReadFromJsonAsync<JsonObject>();
        await labeler.PostAsJsonAsync($"/api/tasks/{task!["taskId"]}/submit", new { labels = new[] { "neutral" } });
        var details = await Portal.ClientFor(requester).GetFromJsonAsync<JsonObject>($"/api/jobs/{id}");
        var earnings = await Portal.Get<PublicCrowdService>().GetEarningsAsync(worker);
        var bill = await Portal.ClientFor(requester).GetFromJsonAsync<JsonObject>("/api/billing");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(fixture.Time.GetUtcNow(), details!["noPersonalDataConfirmedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Public", details["workforce"]!.GetValue<string>());
        Assert.Equal((1, 0.05m), (earnings.Tasks.Count, earnings.Totals.Single().Amount));
        Assert.Equal(0.05m, Assert.Single(bill!["charges"]!.AsArray())!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task SaveListing_VendorAdmin_ChangesOnlyTheirOwnCompany()
    {
        var first = await Vendors.CreateAsync(Portal, listing: Vendors.Listing(0.10m));
        var second = await Vendors.CreateAsync(Portal, listing: Vendors.Listing(0.20m));

        await Portal.Get<VendorService>().SaveListingAsync(first.AdminId, Vendors.Listing(0.50m));

        var prices = await Portal.WithDbAsync(db => db.VendorCompanies.Where(c => c.Id == first.Id || c.Id == second.Id).ToDictionaryAsync(c => c.Id, c => c.PricePerObject));
        Assert.Equal((0.50m, 0.20m), (prices[first.Id], prices[second.Id]));
        Assert.Empty(await Portal.Get<VendorService>().SaveListingAsync(second.AdminId, Vendors.Listing(0.30m)));
        Assert.NotEmpty(await Portal.Get<VendorService>().SaveListingAsync(await Portal.CreateUserAsync($"x-{Guid.NewGuid():N}@t.io", Roles.VendorAdmin), Vendors.Listing()));
    }

    [Fact]
    public async Task RemoveWorker_OtherCompanysWorker_StaysInTheirTeam()
    {
        var worker = await Portal.CreateUserAsync($"vw-{Guid.NewGuid():N}@t.io", Roles.VendorWorker);
        var mine = await Vendors.CreateAsync(Portal);
        var theirs = await Vendors.CreateAsync(Portal, workerIds: worker);

        await Portal.Get<VendorService>().RemoveWorkerAsync(mine.AdminId, worker);

        Assert.True(await Portal.WithDbAsync(db => db.WorkTeamMembers.AnyAsync(m => m.WorkTeamId == theirs.TeamId && m.UserId == worker)));
    }

    private static async Task<string> WorkTeamErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["WorkTeamId"]![0]!.GetValue<string>();

    private static async Task<HttpResponseMessage> PostJobAsync(HttpClient client, JobSpec spec, string manifest)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(spec, Json)), "spec" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(manifest)), "manifest", "input.manifest" },
        };
        return await client.PostAsync("/api/jobs", content);
    }
}

public sealed class SqliteVendorMarketplaceApiTests(SqlitePortalFixture fixture) : VendorMarketplaceApiTests(fixture), IClassFixture<SqlitePortalFixture>;

public sealed class PostgresVendorMarketplaceApiTests(PostgresPortalFixture fixture) : VendorMarketplaceApiTests(fixture), IClassFixture<PostgresPortalFixture>;
