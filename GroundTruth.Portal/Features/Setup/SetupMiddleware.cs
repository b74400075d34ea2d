namespace GroundTruth.Portal.Features.Setup;

/// <summary>Until the first admin exists, sends every page request to the set-up page.</summary>
public sealed class SetupMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SetupState state)
    {
        var path = context.Request.Path;
        var isPage = HttpMethods.IsGet(context.Request.Method)
            && !path.StartsWithSegments("/setup")
            && !path.StartsWithSegments("/invite")
            && !path.StartsWithSegments("/_framework")
            && !path.StartsWithSegments("/_content")
            && !path.StartsWithSegments("/_blazor")
            && !path.StartsWithSegments("/assets")
            && !path.StartsWithSegments("/api")
            && !Path.HasExtension(path.Value);
        if (isPage && !await state.IsCompleteAsync(context.RequestAborted))
        {
            context.Response.Redirect("/setup");
            return;
        }

        await next(context);
    }
}
