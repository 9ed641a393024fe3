using System.Net;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

public sealed class AccessTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    public static TheoryData<string, string, HttpStatusCode> Cases => new()
    {
        { "MyWork", "annotator", HttpStatusCode.OK },
        { "Dashboard", "annotator", HttpStatusCode.OK },
        { "Review", "annotator", HttpStatusCode.Forbidden },
        { "Review", "reviewer", HttpStatusCode.OK },
        { "Assign", "annotator", HttpStatusCode.Forbidden },
        { "Assign", "reviewer", HttpStatusCode.OK },
        { "Audit", "annotator", HttpStatusCode.Forbidden },
        { "Audit", "reviewer", HttpStatusCode.OK },
        { "Members", "reviewer", HttpStatusCode.Forbidden },
        { "Members", "admin", HttpStatusCode.OK },
        { "MyWork", "access-outsider", HttpStatusCode.Forbidden },
        { "Dashboard", "access-outsider", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachPage_RendersForItsRoles_AndIsForbiddenToOthers(string page, string user, HttpStatusCode expected)
    {
        await factory.CreateOutsiderAsync("access-outsider");
        var client = await factory.LoginAsync(user);

        var response = await client.GetAsync($"/Projects/{await factory.DemoProjectIdAsync()}/{page}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("annotator", new[] { "My work", "Dashboard", "Labels" }, new[] { ">Review<", ">Audit<", ">Members<", ">Assign<" })]
    [InlineData("reviewer", new[] { "My work", ">Review<", ">Assign<", ">Audit<" }, new[] { ">Members<" })]
    [InlineData("admin", new[] { ">Review<", ">Audit<", ">Members<" }, new string[0])]
    public async Task ProjectNav_ShowsTheLinksOfTheRole(string user, string[] shown, string[] hidden)
    {
        var client = await factory.LoginAsync(user);

        var html = await client.GetHtmlAsync($"/Projects/{await factory.DemoProjectIdAsync()}");

        Assert.All(shown, s => Assert.Contains(s, html, StringComparison.Ordinal));
        Assert.All(hidden, s => Assert.DoesNotContain(s, html, StringComparison.Ordinal));
    }
}
