using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GroundTruth.Tests.TestSupport.Fakes;

/// <summary>
/// A tiny OpenID Connect provider on a loopback port: discovery document, JWKS with an RSA key, an authorize
/// endpoint that signs in <see cref="NextUser"/> at once and redirects back with a code, and a token endpoint that
/// checks the client secret and PKCE and returns a signed id_token.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "gt-portal";
    public const string ClientSecret = "test-secret";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (string Nonce, string RedirectUri, string Challenge, FakeOidcUser User)> _codes = new();
    private WebApplication? _app;

    /// <summary>Who "signs in" at the next authorize request.</summary>
    public FakeOidcUser NextUser { get; set; } = new("sub-1", "someone@idp.test", "Someone");

    /// <summary>The query of the last authorize request, as the portal sent it.</summary>
    public IQueryCollection? LastAuthorize { get; private set; }

    public string Authority { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var key = _rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "test-key", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            LastAuthorize = request.Query;
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = (request.Query["nonce"].ToString(), request.Query["redirect_uri"].ToString(), request.Query["code_challenge"].ToString(), NextUser);
            return Results.Redirect($"{request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || !_codes.TryRemove(form["code"].ToString(), out var grant)
                || form["redirect_uri"] != grant.RedirectUri
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            return Results.Json(new { access_token = "opaque", token_type = "Bearer", expires_in = 300, id_token = IdToken(grant.Nonce, grant.User) });
        });
        await _app.StartAsync();
        Authority = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private string IdToken(string nonce, FakeOidcUser user)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = user.Subject,
            ["email"] = user.Email,
            ["name"] = user.Name,
            ["nonce"] = nonce,
        };
        if (user.Groups is { Count: > 0 } groups)
        {
            claims["groups"] = groups;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _rsa.Dispose();
    }
}

public sealed record FakeOidcUser(string Subject, string Email, string Name, IReadOnlyList<string>? Groups = null);
