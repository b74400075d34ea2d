using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace GroundTruth.Tests.TestSupport;

/// <summary>bUnit context with MudBlazor's services, loose JS interop and a generous wait.</summary>
public abstract class PortalTestContext : BunitContext
{
    protected PortalTestContext()
    {
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose;
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Render<MudBlazor.MudPopoverProvider>();
    }
}
