using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Import;
using Xunit.Abstractions;

namespace Workbench.Browser.Tests.Localization;

/// <summary>
/// Issue 17 item 3: a time is shown in the viewer's time zone and names it. A browser in Asia/Shanghai opens the audit
/// trail; an operation made at a known UTC time (20:04:05 on 3 February 2001, 04:04:05 the next day in Shanghai) shows
/// the Shanghai date and time with the zone (GMT+8), and the zone's full name as its tooltip.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TimeZoneTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string User = "tzcheck";

    private static readonly DateTimeOffset KnownUtc = new(2001, 2, 3, 20, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task AuditTime_InAShanghaiBrowser_IsShanghaiTime_WithTheZoneNamed()
    {
        var projectId = await OperationAtKnownTimeAsync();
        var context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1400, Height = 900 },
            Locale = "en-US",
            TimezoneId = "Asia/Shanghai",
            BaseURL = browser.BaseUrl,
        });
        context.SetDefaultTimeout(BrowserFixture.DefaultTimeoutMs);
        var page = await context.NewPageAsync();
        try
        {
            await browser.LoginAsync(page, User, BrowserFixture.DemoPassword);
            await page.GotoAsync($"/Projects/{projectId}/Audit?from=2001-02-03&to=2001-02-03");
            var time = page.Locator("td.when time").First;
            await Assertions.Expect(time).ToHaveAttributeAsync("datetime", "2001-02-03T20:04:05Z");

            // Rewritten by time.js: the Shanghai date (the next day) and time, with the zone; the full zone as the tooltip.
            await Assertions.Expect(time).ToHaveTextAsync("02/04/2001, 04:04:05 AM GMT+8");
            await Assertions.Expect(time).ToHaveAttributeAsync("title", "Asia/Shanghai");
            Assert.DoesNotContain("20:04", await page.Locator("table").First.InnerTextAsync(), StringComparison.Ordinal);
            await browser.ScreenshotAsync(page, "audit-shanghai", output);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A page of its own, one edit on it by a reviewer of its own, the edit's time set to <see cref="KnownUtc"/>.</summary>
    private async Task<int> OperationAtKnownTimeAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var projectId = await db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync();
        var user = await users.FindByNameAsync(User) ?? await UserService.CreateAsync(users, User, BrowserFixture.DemoPassword);
        if (!await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == user.Id))
        {
            db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = ProjectRole.Reviewer });
            await db.SaveChangesAsync();
        }

        var imported = await scope.ServiceProvider.GetRequiredService<PageImporter>()
            .ImportAsync(projectId, $"timezone-{Guid.NewGuid():N}.txt", Encoding.UTF8.GetBytes("时区测试\n第一行文字\n第二行文字\n"));
        var pageId = imported.PageId!.Value;
        var state = (await PageStore.LoadAsync(db, pageId))!.Value.State;
        var line = state.Lines.Values.First(l => l.Text.Length > 2);
        var (outcome, applied) = await scope.ServiceProvider.GetRequiredService<PageEditService>()
            .ApplyAsync(pageId, user.Id, User, ProjectRole.Reviewer, state.Version, new EditLine(line.Number, line.Text, line.Text + "。"));
        Assert.True(outcome.Accepted, outcome.Reason);
        Assert.Equal(1, await db.Operations.Where(o => o.PageId == pageId && o.Sequence == applied!.Sequence).ExecuteUpdateAsync(s => s.SetProperty(o => o.At, KnownUtc)));
        return projectId;
    }
}
