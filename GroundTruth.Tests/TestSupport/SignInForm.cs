using System.Text.RegularExpressions;

namespace GroundTruth.Tests.TestSupport;

/// <summary>Posts the real sign-in form (static SSR) with its antiforgery token, as a browser does.</summary>
public static partial class SignInForm
{
    /// <summary>A client that keeps cookies and does not follow redirects, so a test sees where sign-in sends it.</summary>
    public static HttpClient CookieClient(PortalFactory portal) =>
        portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public static string AntiforgeryToken(string html) => TokenInput().Match(html).Groups[1].Value;

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
