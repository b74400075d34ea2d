using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace GroundTruth.Portal.Hosting;

/// <summary>
/// Serves ../wwwroot-assets under /assets while developing. The project links that folder into wwwroot/assets,
/// which publish copies, but at build time MapStaticAssets looks for the linked files under wwwroot and answers
/// 200 with an empty body (dotnet/aspnetcore#63570, #66833); so in Development the web root also reads them from
/// where they really are.
/// </summary>
public static class LinkedAssets
{
    private const string Prefix = "assets";

    public static WebApplication UseLinkedAssetsInDevelopment(this WebApplication app)
    {
        var folder = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, "..", "wwwroot-assets"));
        if (app.Environment.IsDevelopment() && Directory.Exists(folder))
        {
            app.Environment.WebRootFileProvider = new CompositeFileProvider(
                new PrefixedFileProvider(Prefix, new PhysicalFileProvider(folder)), app.Environment.WebRootFileProvider);
        }

        return app;
    }

    private sealed class PrefixedFileProvider(string prefix, IFileProvider inner) : IFileProvider
    {
        public IFileInfo GetFileInfo(string subpath) =>
            Strip(subpath) is { } rest ? inner.GetFileInfo(rest) : new NotFoundFileInfo(subpath);

        public IDirectoryContents GetDirectoryContents(string subpath) =>
            Strip(subpath) is { } rest ? inner.GetDirectoryContents(rest) : NotFoundDirectoryContents.Singleton;

        public IChangeToken Watch(string filter) =>
            Strip(filter) is { } rest ? inner.Watch(rest) : NullChangeToken.Singleton;

        private string? Strip(string path)
        {
            var trimmed = path.TrimStart('/');
            return trimmed.StartsWith(prefix + "/", StringComparison.Ordinal) ? trimmed[(prefix.Length + 1)..] : null;
        }
    }
}
