using System.Net;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Pages.Projects;

public sealed class MembershipTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task NonMember_IsForbiddenFromProjectPageAndWorkbenchAndApi()
    {
        await factory.CreateOutsiderAsync("outsider");
        var client = await factory.LoginAsync("outsider");
        var projectId = await factory.DemoProjectIdAsync();
        var pageId = await factory.PageIdAsync("000a_");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Projects/{projectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Editor/{pageId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/pages/{pageId}/state")).StatusCode);
        Assert.DoesNotContain("Demo: Inner Mongolia", await client.GetHtmlAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_SeesThePageListWithArticleCounts()
    {
        var client = await factory.LoginAsync("annotator");

        var html = await client.GetHtmlAsync($"/Projects/{await factory.DemoProjectIdAsync()}");

        Assert.Contains("000a_3b61d9199e17de9f.txt", html, StringComparison.Ordinal);
        Assert.Contains("001_12197b68ae50d42b.txt", html, StringComparison.Ordinal);
        Assert.Contains("002_9769de2f8fa82c4a.txt", html, StringComparison.Ordinal);
        Assert.Contains("draft", html, StringComparison.Ordinal);
        Assert.DoesNotContain("upload-form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Annotator_CannotUpload()
    {
        var client = await factory.LoginAsync("annotator");
        var projectId = await factory.DemoProjectIdAsync();
        var before = await factory.WithDbAsync(db => Task.FromResult(db.Pages.Count()));

        // The annotator's form page carries a token too; the upload handler itself must refuse.
        var response = await client.UploadAsync($"/Projects/{projectId}", $"/Projects/{projectId}?handler=Upload", ("x.txt", "本报讯 一行"u8.ToArray()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await factory.WithDbAsync(db => Task.FromResult(db.Pages.Count())));
    }
}
