using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Workbench.Web.Hubs;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Security;

/// <summary>Per-user rate limits on the JSON API and the hub (M6), with small configured buckets.</summary>
public sealed class RateLimitTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private WebApplicationFactory<Program> Limited() => factory.WithWebHostBuilder(b => b
        .UseSetting("Workbench:RateLimits:Api:Burst", "5").UseSetting("Workbench:RateLimits:Api:PerSecond", "1")
        .UseSetting("Workbench:RateLimits:Hub:Burst", "5").UseSetting("Workbench:RateLimits:Hub:PerSecond", "1"));

    [Fact]
    public async Task Api_RefusesAUserOverTheLimit_WithAClearMessage_AndLeavesOthersAlone()
    {
        await using var app = Limited();
        var pageId = await factory.PageIdAsync("001_");
        var annotator = await LoginAsync(app, "annotator");
        var reviewer = await LoginAsync(app, "reviewer");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await annotator.GetAsync($"/api/pages/{pageId}/operations")).StatusCode);
        }

        var refused = await annotator.GetAsync($"/api/pages/{pageId}/operations");
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null, "Retry-After is set");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/api/pages/{pageId}/operations")).StatusCode);
    }

    [Fact]
    public async Task Hub_RefusesCallsOverTheLimit_KeepsTheConnection()
    {
        await using var app = Limited();
        var pageId = await factory.PageIdAsync("001_");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "annotator", ["Input.Password"] = WorkbenchFactory.Password });
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("workbench.auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/page"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.Headers["Cookie"] = cookie;
            })
            .Build();
        await hub.StartAsync();

        var errors = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await hub.InvokeAsync(nameof(PageHub.Focus), pageId, (int?)null);
            }
            catch (HubException e)
            {
                errors.Add(e.Message);
            }
        }

        Assert.InRange(errors.Count, 3, 5);
        Assert.All(errors, e => Assert.Contains("Too many requests", e, StringComparison.Ordinal));
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    private static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> app, string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = WorkbenchFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
