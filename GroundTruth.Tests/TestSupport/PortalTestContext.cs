using Bunit;
using GroundTruth.Core.Storage;
using GroundTruth.Portal.Features.Images;
using GroundTruth.Portal.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace GroundTruth.Tests.TestSupport;

/// <summary>bUnit context with MudBlazor's services, the portal's tile service, loose JS interop and a generous wait.</summary>
public abstract class PortalTestContext : BunitContext
{
    protected PortalTestContext()
    {
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new TileService(
            new LocalObjectStore(Path.Combine(Path.GetTempPath(), "gt-bunit-objects")),
            Options.Create(new PortalOptions()),
            NullLogger<TileService>.Instance));
        JSInterop.Mode = JSRuntimeMode.Loose;
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Render<MudBlazor.MudPopoverProvider>();
    }
}
