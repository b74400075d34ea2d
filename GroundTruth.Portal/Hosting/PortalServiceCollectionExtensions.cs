using GroundTruth.Core.Storage;
using GroundTruth.Portal.Components.Account;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Consolidation;
using GroundTruth.Portal.Features.Demo;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Features.Mail;
using GroundTruth.Portal.Features.Setup;
using GroundTruth.Portal.Features.SingleSignOn;
using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace GroundTruth.Portal.Hosting;

public static class PortalServiceCollectionExtensions
{
    public static WebApplicationBuilder AddGroundTruthPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (Environment.GetCommandLineArgs().Contains("--demo"))
        {
            builder.Configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.SeedDemo)}"] = "true";
        }

        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, ValidatePortalOptions>();
        var options = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var dataFolder = options.ResolveDataFolder(builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataFolder);

        // Platform
        services.TryAddSingletonTimeProvider();
        services.AddGroundTruthDatabase(options, dataFolder);
        services.AddSingleton<IObjectStore>(new LocalObjectStore(Path.Combine(dataFolder, "objects")));
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = options.MaxUploadBytes);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxUploadBytes);
        services.AddHostedService<DatabaseInitializer>();

        // UI
        services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = builder.Environment.IsDevelopment());
        services.AddMudServices();
        services.AddSignalR(o => o.MaximumReceiveMessageSize = 256 * 1024);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        // Identity and protection
        services.AddGroundTruthIdentity();
        services.AddGroundTruthMail();
        services.AddGroundTruthSingleSignOn(builder.Configuration);
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddGroundTruthRateLimits(builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions());

        // Features
        services.AddSingleton<JobProgressNotifier>();
        services.AddSingleton<ManifestImports>();
        services.AddSingleton<ManifestImporter>();
        services.AddSingleton<OutputManifestService>();
        services.AddSingleton<JobService>();
        services.AddHostedService<ManifestImportService>();
        services.AddOptions<DataUrlOptions>().BindConfiguration(DataUrlOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DataUrlSigner>();
        services.AddSingleton<LabelingService>();
        services.AddSingleton<SegmentationMaskService>();
        services.AddSingleton<EarlierMaskService>();
        services.AddSingleton<JobFileAccess>();
        services.AddHostedService<ExpiryService>();
        services.AddSingleton<UserAdminService>();
        services.AddSingleton<WorkforceService>();
        services.AddSingleton<SetupState>();
        services.AddSingleton<DemoSeeder>();
        services.AddHttpContextAccessor();
        services.AddSingleton<Features.Audit.AuditLog>();
        services.AddSingleton<Features.Invitations.InvitationService>();
        services.AddSingleton<ConsolidationRuns>();
        services.AddSingleton<ConsolidationService>();
        services.AddHostedService<ConsolidationRunner>();
        services.AddSingleton<Features.Images.TileService>();
        services.AddHostedService<Features.Images.TilePyramidBuilderService>();
        services.AddSingleton<Features.Vendors.VendorService>();
        services.AddSingleton<Features.Marketplace.MarketplaceService>();
        services.AddSingleton<Features.Billing.BillingService>();
        services.AddSingleton<Features.Crowd.PublicCrowdService>();
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static IServiceCollection AddGroundTruthIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            // API clients get status codes, not a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder().AddGroundTruthPolicies();
        services.AddIdentityCore<ApplicationUser>(o =>
            {
                // RequireConfirmedAccount follows the mail set-up (AddGroundTruthMail): there is no way to confirm without mail.
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GroundTruthDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // A deactivated account (new security stamp) loses its cookie sessions within a minute instead of 30.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = IdentityRevalidatingAuthenticationStateProvider.Interval);
        return services;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
