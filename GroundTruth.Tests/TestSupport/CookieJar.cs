using System.Net.Http.Headers;

namespace GroundTruth.Tests.TestSupport;

/// <summary>
/// Carries cookies between requests by hand. HttpClient's CookieContainer will not send the OpenID Connect
/// handler's Secure correlation cookies over the test server's http://localhost; a browser on localhost does.
/// </summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = [];

    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request);
        Take(response.Headers);
        return response;
    }

    private void Take(HttpResponseHeaders headers)
    {
        foreach (var header in headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0];
            var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
            var value = pair[(name.Length + 1)..];
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }
}
