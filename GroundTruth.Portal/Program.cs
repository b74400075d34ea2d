using GroundTruth.Portal.Components;
using GroundTruth.Portal.Features.Consolidation;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Features.Setup;
using GroundTruth.Portal.Hosting;

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

// API clients get bare status codes; people get the not-found page.
app.UseWhen(
    context => !context.Request.Path.StartsWithSegments("/api"),
    branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseMiddleware<SetupMiddleware>();
app.UseSourceAssets();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapJobsApi();
app.MapLabelingApi();

app.Run();
return 0;

// Lets WebApplicationFactory<Program> in the tests find the entry point.
public partial class Program;
