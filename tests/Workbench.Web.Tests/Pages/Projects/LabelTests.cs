using System.Net;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Pages.Projects;

public sealed class LabelTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task NewProject_StartsWithPerOrgLocDate()
    {
        // A project of its own: the other tests of this class add labels to the demo project, in an order xunit does not fix.
        var projectId = await factory.WithDbAsync(async db => (await ProjectService.GetOrCreateAsync(db, "labels: a new project", TimeProvider.System)).Id);

        var labels = await factory.WithDbAsync(db => db.Labels.Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).Select(l => new { l.Name, l.DisplayName, l.Hotkey }).ToListAsync());

        Assert.Equal(["PER", "ORG", "LOC", "DATE"], labels.Select(l => l.Name));
        Assert.Equal(["人名", "机构", "地名", "日期"], labels.Select(l => l.DisplayName));
        Assert.Equal([1, 2, 3, 4], labels.Select(l => l.Hotkey ?? 0));
    }

    [Fact]
    public async Task Admin_AddsRecoloursRenamesAndRetiresALabel()
    {
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var url = $"/Projects/{projectId}/Labels";

        var added = await client.PostFormAsync($"{url}?handler=Add", new() { ["name"] = "EVENT", ["displayName"] = "事件", ["color"] = "#7B61FF", ["hotkey"] = "5" }, url);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var id = await factory.WithDbAsync(db => db.Labels.Where(l => l.Name == "EVENT").Select(l => l.Id).SingleAsync());

        await client.PostFormAsync($"{url}?handler=Update&labelId={id}", new() { ["displayName"] = "活动", ["color"] = "#112233", ["hotkey"] = "6" }, url);
        await client.PostFormAsync($"{url}?handler=Retire&labelId={id}&retired=true", [], url);

        var label = await factory.WithDbAsync(db => db.Labels.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(("活动", "#112233", 6, true), (label.DisplayName, label.Color, label.Hotkey ?? 0, label.Retired));
        Assert.Contains("retired", await client.GetHtmlAsync(url), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PER", "人", "#000000", "", "There is already a label named PER")]
    [InlineData("BAD NAME", "x", "#000000", "", "may only contain letters")]
    [InlineData("X1", "x", "red", "", "must be written as #rrggbb")]
    [InlineData("X2", "x", "#000000", "1", "Hotkey 1 is already used by label PER")]
    public async Task Admin_GetsAClearErrorForAnInvalidLabel(string name, string display, string color, string hotkey, string error)
    {
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var url = $"/Projects/{projectId}/Labels";

        var response = await client.PostFormAsync($"{url}?handler=Add", new() { ["name"] = name, ["displayName"] = display, ["color"] = color, ["hotkey"] = hotkey }, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(error, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Labels.AnyAsync(l => l.Name == name && l.ProjectId == projectId && l.DisplayName == display)));
    }

    [Theory]
    [InlineData("annotator")]
    [InlineData("reviewer")]
    public async Task NonAdmin_SeesLabelsButCannotChangeThem(string user)
    {
        var client = await factory.LoginAsync(user);
        var projectId = await factory.DemoProjectIdAsync();
        var url = $"/Projects/{projectId}/Labels";
        var perId = await factory.WithDbAsync(db => db.Labels.Where(l => l.Name == "PER" && l.ProjectId == projectId).Select(l => l.Id).SingleAsync());

        var html = await client.GetHtmlAsync(url);
        var add = await client.PostFormAsync($"{url}?handler=Add", new() { ["name"] = "SNEAKY", ["displayName"] = "x", ["color"] = "#000000" }, url);
        var retire = await client.PostFormAsync($"{url}?handler=Retire&labelId={perId}&retired=true", [], url);
        var pattern = await client.PostFormAsync($"{url}?handler=AddPattern", new() { ["label"] = "PER", ["pattern"] = "x+" }, url);

        Assert.DoesNotContain("add-label", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retire.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pattern.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Labels.AnyAsync(l => l.Name == "SNEAKY")));
        Assert.False(await factory.WithDbAsync(db => db.Labels.Where(l => l.Id == perId).Select(l => l.Retired).SingleAsync()));
    }

    [Fact]
    public async Task Admin_AddsAPatternRule_AndAnInvalidPatternIsRefused()
    {
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var url = $"/Projects/{projectId}/Labels";

        var bad = await client.PostFormAsync($"{url}?handler=AddPattern", new() { ["label"] = "LOC", ["pattern"] = "([旗" }, url);
        var good = await client.PostFormAsync($"{url}?handler=AddPattern", new() { ["label"] = "LOC", ["pattern"] = @"\p{IsCJKUnifiedIdeographs}{2,6}旗" }, url);

        Assert.Contains("not a valid regular expression", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(1, await factory.WithDbAsync(db => db.LabelPatterns.CountAsync(p => p.ProjectId == projectId)));
    }
}
