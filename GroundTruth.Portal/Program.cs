using GroundTruth.Portal.Components;
using GroundTruth.Portal.Features.Consolidation;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Features.Marketplace;
using GroundTruth.Portal.Features.Setup;
using GroundTruth.Portal.Hosting;
using GroundTruth.Portal.Security;

if (ConsolidateCommand.IsInvoked(args))
{
    return ConsolidateCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddGroundTruthPortal();

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

// API clients and form posts get bare status codes (a 429 or 400 re-executed as a page would turn into another
// error); people browsing get the not-found page.
app.UseWhen(
    context => !context.Request.Path.StartsWithSegments("/api") && HttpMethods.IsGet(context.Request.Method),
    branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseMiddleware<SetupMiddleware>();
app.UseSourceAssets();
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapJobsApi();
app.MapLabelingApi();
app.MapConsolidationApi();
app.MapMarketplaceApi();

app.Run();
return 0;

// Lets WebApplicationFactory<Program> in the tests find the entry point.
public partial class Program;
