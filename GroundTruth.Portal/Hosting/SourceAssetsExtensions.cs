using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace GroundTruth.Portal.Hosting;

public static partial class SourceAssetsExtensions
{
    /// <summary>
    /// Serves <c>../wwwroot-assets</c> under <c>/assets</c> straight from the source tree when it is there (dotnet run,
    /// the tests). The SDK's development manifest maps the linked Content items to <c>wwwroot/assets</c>, where the
    /// files are not, so MapStaticAssets answered 200 with no body and no content type and browsers refused the
    /// modules. The import map sends browsers to fingerprinted names (<c>annotator.mxcsnwx4m0.js</c>), which are
    /// mapped back to the source file. A published app has the files in <c>wwwroot/assets</c> and never takes this path.
    /// </summary>
    public static IApplicationBuilder UseSourceAssets(this WebApplication app)
    {
        var folder = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, "..", "wwwroot-assets"));
        if (!Directory.Exists(folder))
        {
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        app.Use((context, next) =>
        {
            var path = context.Request.Path;

            // Only the browser modules and styles are served; the node tests and package files stay private.
            if (path.StartsWithSegments("/assets/test") || path.StartsWithSegments("/assets/node_modules")
                || (path.StartsWithSegments("/assets") && Path.GetFileName(path.Value ?? "").StartsWith("package", StringComparison.Ordinal)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            if (path.StartsWithSegments("/assets", out var rest) && rest.HasValue && !files.GetFileInfo(rest.Value).Exists
                && Fingerprinted().Match(rest.Value) is { Success: true } match
                && files.GetFileInfo(match.Groups[1].Value + match.Groups[2].Value).Exists)
            {
                context.Request.Path = "/assets" + match.Groups[1].Value + match.Groups[2].Value;
            }

            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "/assets",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    [GeneratedRegex(@"^(.+)\.[a-z0-9]{10}(\.[A-Za-z0-9]+)$")]
    private static partial Regex Fingerprinted();
}
