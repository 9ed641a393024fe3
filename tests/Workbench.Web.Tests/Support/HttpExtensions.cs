using System.Text.RegularExpressions;

namespace Workbench.Web.Tests.Support;

public static partial class HttpExtensions
{
    /// <summary>Posts a form the way a browser does: GETs the page first for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await AntiforgeryTokenAsync(client, formPage ?? url);
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string formPage, string url, params (string Name, byte[] Bytes)[] files)
    {
        var token = await AntiforgeryTokenAsync(client, formPage);
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), "files", name);
        }

        return await client.PostAsync(url, content);
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {url}");
        return match.Groups[1].Value;
    }

    /// <summary>GETs a page following redirects by hand (the test clients do not follow them).</summary>
    public static async Task<string> GetHtmlAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        for (var i = 0; i < 5 && response.StatusCode == System.Net.HttpStatusCode.Redirect; i++)
        {
            response = await client.GetAsync(response.Headers.Location);
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
