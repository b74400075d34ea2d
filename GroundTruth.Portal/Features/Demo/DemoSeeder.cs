using System.Text;
using System.Text.Json;
using GroundTruth.Core.Images;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Storage;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Security;

namespace GroundTruth.Portal.Features.Demo;

/// <summary>
/// Seeds a demo: one user per role (password <see cref="Password"/>), a private work team of the workers, an image
/// job with drawn shapes and a multi-label text job, a vendor company with a published marketplace listing (the
/// requester subscribed, the vendor worker in its team) and the crowd worker in the public crowd, so a newcomer can
/// click through every page at once.
/// </summary>
public sealed class DemoSeeder(
    UserAdminService users, WorkforceService workforce, JobService jobs, IObjectStore store,
    Vendors.VendorService vendors, Marketplace.MarketplaceService marketplace, Crowd.PublicCrowdService crowd)
{
    public const string Password = "Demo-pass1";

    public static readonly (string Email, string Role)[] Accounts =
    [
        ("admin@demo.local", Roles.Admin),
        ("requester@demo.local", Roles.Requester),
        ("worker1@demo.local", Roles.PrivateWorker),
        ("worker2@demo.local", Roles.PrivateWorker),
        ("worker3@demo.local", Roles.PrivateWorker),
        ("vendor-admin@demo.local", Roles.VendorAdmin),
        ("vendor-worker@demo.local", Roles.VendorWorker),
        ("crowd-worker@demo.local", Roles.PublicWorker),
    ];

    private static readonly string[] Reviews =
    [
        "The delivery was fast and the box was intact.",
        "Battery died after two days, very disappointed.",
        "Great price, but the manual is only in French.",
        "Customer service answered within minutes and solved it.",
        "The colour is not what the photos show.",
        "Works as described; setup took five minutes.",
    ];

    /// <returns><c>false</c> when the demo was seeded before.</returns>
    public async Task<bool> SeedAsync(string? adminId, CancellationToken cancellationToken = default)
    {
        var existing = (await users.ListAsync(cancellationToken)).ToDictionary(u => u.Email, StringComparer.OrdinalIgnoreCase);
        if (existing.ContainsKey("requester@demo.local"))
        {
            return false;
        }

        var ids = new Dictionary<string, string>();
        foreach (var (email, role) in Accounts)
        {
            if (existing.TryGetValue(email, out var row))
            {
                ids[email] = row.Id;
                continue;
            }

            var (id, errors) = await users.CreateAsync(email, email.Split('@')[0], Password, [role], cancellationToken: cancellationToken);
            if (id is null)
            {
                throw new InvalidOperationException("Demo user could not be created: " + string.Join("; ", errors));
            }

            ids[email] = id;
        }

        var workers = Accounts.Where(a => a.Role == Roles.PrivateWorker).Select(a => ids[a.Email]).ToList();
        var (teamId, teamErrors) = await workforce.CreateTeamAsync("demo-labelers", "The demo's private work team.", workers, cancellationToken: cancellationToken);
        if (teamId is null)
        {
            throw new InvalidOperationException("Demo team could not be created: " + string.Join("; ", teamErrors));
        }

        var requester = new Caller(ids["requester@demo.local"], IsAdmin: false);
        await SeedVendorAsync(ids, cancellationToken);
        await crowd.JoinAsync(ids["crowd-worker@demo.local"], cancellationToken);
        var manifest = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            var shape = SampleImages.Shapes[i % SampleImages.Shapes.Count];
            var key = $"demo/shapes/{i:D3}-{shape}.png";
            await using (var image = new MemoryStream(SampleImages.Draw(shape, seed: i)))
            {
                await store.WriteAsync(key, image, cancellationToken);
            }

            manifest.AppendLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["source-ref"] = key, ["demo-truth"] = shape }));
        }

        await CreateAsync(new JobSpec
        {
            Name = "demo-shapes",
            LabelAttributeName = "shape",
            TaskType = TaskType.ImageClassification,
            Labels = [.. SampleImages.Shapes.Select(s => new LabelCategory(s))],
            ShortInstructions = "Choose the shape you see in the picture.\nIgnore the background colour.",
            FullInstructions = "Each picture shows exactly one filled shape. Choose circle, square or triangle.\nIf the shape is cut off at the edge, choose what it most looks like.",
            WorkTeamId = teamId.Value,
            WorkersPerObject = 3,
        }, manifest.ToString(), requester, cancellationToken);

        var texts = string.Join('\n', Reviews.Select(r => JsonSerializer.Serialize(new Dictionary<string, string> { ["source"] = r })));
        await CreateAsync(new JobSpec
        {
            Name = "demo-review-topics",
            LabelAttributeName = "topics",
            TaskType = TaskType.TextMultiLabelClassification,
            Labels = [new("delivery"), new("quality"), new("price"), new("support"), new("documentation")],
            ShortInstructions = "Choose every topic the review talks about.",
            FullInstructions = "A review can mention several topics. Choose all that apply; choose none only if no topic fits.",
            WorkTeamId = teamId.Value,
            WorkersPerObject = 2,
        }, texts, requester, cancellationToken);
        return true;
    }

    private async Task SeedVendorAsync(Dictionary<string, string> ids, CancellationToken cancellationToken)
    {
        var vendorAdmin = ids["vendor-admin@demo.local"];
        var vendorId = await vendors.CreateWithAdminAsync("Northwind Labeling", vendorAdmin, actorId: null, cancellationToken);
        var errors = await vendors.SaveListingAsync(vendorAdmin, new Core.Workforce.VendorListing
        {
            Description = "A team of 40 trained annotators in Lisbon and Manila. Every object is checked by a second annotator; "
                + "we answer questions about your guidelines within a working day.",
            Languages = ["English", "Portuguese", "Tagalog"],
            Capabilities = [TaskType.ImageClassification, TaskType.BoundingBox, TaskType.TextClassification, TaskType.TextMultiLabelClassification, TaskType.NamedEntityRecognition],
            PricePerObject = 0.08m,
            Currency = "USD",
            SecurityAttestations = ["ISO 27001", "SOC 2 Type II", "Background-checked staff"],
            IsPublished = true,
        }, cancellationToken);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Demo listing could not be saved: " + string.Join("; ", errors));
        }

        var team = (await vendors.GetOwnAsync(vendorAdmin, cancellationToken))!.TeamId;
        await workforce.AddMemberAsync(team, ids["vendor-worker@demo.local"], cancellationToken: cancellationToken);
        await marketplace.SubscribeAsync(vendorId, ids["requester@demo.local"], cancellationToken);
    }

    private async Task CreateAsync(JobSpec spec, string manifest, Caller requester, CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(manifest));
        var result = await jobs.CreateFromManifestAsync(spec, stream, requester, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo job could not be created: " + string.Join("; ", result.Errors));
        }
    }
}
