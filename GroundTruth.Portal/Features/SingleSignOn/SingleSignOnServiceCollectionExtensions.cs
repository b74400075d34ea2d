using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace GroundTruth.Portal.Features.SingleSignOn;

public static class SingleSignOnServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OpenID Connect provider of <c>GroundTruth:Oidc</c> as an external login of Identity (code flow
    /// with PKCE), so the sign-in page offers "Sign in with …". Nothing is registered when it is not configured.
    /// </summary>
    public static IServiceCollection AddGroundTruthSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<OidcOptions>, ValidateOidcOptions>();
        services.AddSingleton<SingleSignOnService>();
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (!oidc.IsConfigured)
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back on the query string, as the spec's default for the code flow; PKCE protects it.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("email");
            o.SaveTokens = false;
        });
        return services;
    }
}
