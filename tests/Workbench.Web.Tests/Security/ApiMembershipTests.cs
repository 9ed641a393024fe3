using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Security;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Security;

/// <summary>Every endpoint under /api runs behind the one membership filter: a test that cannot miss a new endpoint.</summary>
public sealed class ApiMembershipTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    /// <summary>The app's own /api endpoints (verb and route pattern), from its endpoint metadata.</summary>
    public static IReadOnlyList<(string Method, RouteEndpoint Endpoint)> ApiEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(MembershipEndpoints.ApiPrefix + "/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e)))
            .ToList();

    [Fact]
    public async Task EveryApiEndpoint_CarriesTheMembershipFilter_AndRefusesANonMember()
    {
        await factory.CreateOutsiderAsync("api-outsider");
        var outsider = await factory.LoginAsync("api-outsider");
        var pageId = await factory.PageIdAsync("001_");
        var key = await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId).Select(a => a.Key).FirstAsync());
        var before = await CountsAsync(pageId);
        var endpoints = ApiEndpoints(factory.Services);
        Assert.True(endpoints.Count >= 10, $"only {endpoints.Count} /api endpoints found");

        var answers = new List<string>();
        foreach (var (method, endpoint) in endpoints)
        {
            Assert.True(endpoint.Metadata.GetMetadata<MembershipRequired>() is not null, $"{method} {endpoint.RoutePattern.RawText} is mapped without the membership filter");
            var url = Url(endpoint.RoutePattern.RawText!, pageId, key);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method != "GET")
            {
                request.Content = new StringContent("""{"text":"x","keys":["k"],"articleKey":1,"label":"PER","seenVersion":0,"operation":{"kind":"editLine","line":1,"expectedText":"","newText":"x"}}""", Encoding.UTF8, "application/json");
            }

            var response = await outsider.SendAsync(request);
            answers.Add($"{method} {url}: {(int)response.StatusCode}");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {url} answered a non-member {(int)response.StatusCode}");
        }

        Assert.Equal(before, await CountsAsync(pageId));
    }

    [Fact]
    public async Task AMember_IsServed_AndAMissingPageIs404()
    {
        var annotator = await factory.LoginAsync("annotator");
        var pageId = await factory.PageIdAsync("001_");

        Assert.Equal(HttpStatusCode.OK, (await annotator.GetAsync($"/api/pages/{pageId}/state")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await annotator.GetAsync($"/api/pages/{pageId}/operations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await annotator.GetAsync("/api/pages/999999/state")).StatusCode);
    }

    internal static string Url(string pattern, int pageId, int key) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value switch
    {
        "pageId" => pageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "key" => key.ToString(System.Globalization.CultureInfo.InvariantCulture),
        var name => throw new InvalidOperationException($"No test value for route parameter {name} in {pattern}"),
    });

    private Task<(int Operations, int Comments, int Rejections, int Entities)> CountsAsync(int pageId) => factory.WithDbAsync(async db =>
        (await db.Operations.CountAsync(o => o.PageId == pageId), await db.Comments.CountAsync(c => c.PageId == pageId),
         await db.RejectedSuggestions.CountAsync(), await db.Entities.CountAsync(e => e.PageId == pageId)));
}
