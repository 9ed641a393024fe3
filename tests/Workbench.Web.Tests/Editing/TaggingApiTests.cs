using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Editing;

/// <summary>Entity tagging through the API: labels in the state, tag-all as one operation, retired labels refused.</summary>
public sealed class TaggingApiTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task State_CarriesTheProjectLabels()
    {
        var client = await factory.LoginAsync("annotator");
        var pageId = await factory.PageIdAsync("000a_");

        var state = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{pageId}/state");

        var labels = state.GetProperty("labels").EnumerateArray().ToList();
        var per = labels.Single(l => l.GetProperty("name").GetString() == "PER");
        Assert.Equal("人名", per.GetProperty("displayName").GetString());
        Assert.Equal("#0072b2", per.GetProperty("color").GetString());
        Assert.Equal(1, per.GetProperty("hotkey").GetInt32());
        Assert.False(per.GetProperty("retired").GetBoolean());
        Assert.Contains(labels, l => l.GetProperty("name").GetString() == "DATE");
    }

    [Fact]
    public async Task TagAll_IsOneOperation_AddingAnEntityPerOccurrence()
    {
        var client = await factory.LoginAsync("annotator");
        var pageId = await factory.PageIdAsync("000a_");
        const string text = "内蒙古";
        var before = await factory.WithDbAsync(db => db.Operations.CountAsync(o => o.PageId == pageId));
        var entitiesBefore = await factory.WithDbAsync(db => db.Entities.CountAsync(e => e.PageId == pageId && e.Text == text && e.Label == "LOC"));

        var response = await client.PostAsJsonAsync($"/api/pages/{pageId}/tag-all", new { text, label = "LOC", articleKey = (int?)null });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("accepted").GetBoolean());
        var tagged = body.GetProperty("tagged").GetInt32();
        Assert.True(tagged >= 2, $"expected several occurrences of {text}, got {tagged}");
        Assert.Equal("batch", body.GetProperty("inverse").GetProperty("kind").GetString()); // a typed operation, not a string
        Assert.Equal(tagged, body.GetProperty("inverse").GetProperty("operations").GetArrayLength());
        var operations = await factory.WithDbAsync(db => db.Operations.Where(o => o.PageId == pageId).OrderBy(o => o.Sequence).ToListAsync());
        Assert.Equal(before + 1, operations.Count);
        Assert.Equal("batch", operations[^1].Kind);
        Assert.Equal(entitiesBefore + tagged, await factory.WithDbAsync(db => db.Entities.CountAsync(e => e.PageId == pageId && e.Text == text && e.Label == "LOC")));

        // Again: everything is tagged already, so nothing is applied.
        var again = await (await client.PostAsJsonAsync($"/api/pages/{pageId}/tag-all", new { text, label = "LOC" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, again.GetProperty("tagged").GetInt32());
        Assert.Equal(before + 1, await factory.WithDbAsync(db => db.Operations.CountAsync(o => o.PageId == pageId)));
    }

    [Fact]
    public async Task TagAll_ForANonMember_Is403()
    {
        await factory.CreateOutsiderAsync("stranger");
        var client = await factory.LoginAsync("stranger");
        var pageId = await factory.PageIdAsync("000a_");

        var response = await client.PostAsJsonAsync($"/api/pages/{pageId}/tag-all", new { text = "内蒙古", label = "LOC" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AddEntity_WithARetiredOrUnknownLabel_IsRefusedWithTheReason()
    {
        var projectId = await factory.DemoProjectIdAsync();
        await factory.WithDbAsync(async db =>
        {
            if (!await db.Labels.AnyAsync(l => l.ProjectId == projectId && l.Name == "EVENT"))
            {
                db.Labels.Add(new Label { ProjectId = projectId, Name = "EVENT", DisplayName = "事件", Color = "#112233", Retired = true, Ordinal = 99 });
            }

            return await db.SaveChangesAsync();
        });
        var client = await factory.LoginAsync("annotator");
        var pageId = await factory.PageIdAsync("001_");
        var (start, end, text) = await FirstCharactersAsync(client, pageId);

        var (status, outcome) = await client.ApplyAsync(pageId, new AddEntity("EVENT", start, end, text));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("The label EVENT is retired; it stays on existing entities but cannot be given to new ones.", outcome.GetProperty("reason").GetString());

        (status, outcome) = await client.ApplyAsync(pageId, new AddEntity("NOPE", start, end, text));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("There is no label NOPE in this project; choose one of its labels.", outcome.GetProperty("reason").GetString());

        // An active label works; relabelling it to the retired one is refused too.
        (status, _) = await client.ApplyAsync(pageId, new AddEntity("PER", start, end, text));
        Assert.Equal(HttpStatusCode.OK, status);
        var key = await factory.WithDbAsync(db => db.Entities.Where(e => e.PageId == pageId && e.Label == "PER" && e.StartLine == start.Line && e.StartOffset == start.Offset).Select(e => e.Key).SingleAsync());
        (status, outcome) = await client.ApplyAsync(pageId, new RelabelEntity(key, "PER", "EVENT"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("retired", outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The retired label is in the state, marked retired, so the UI can leave it out.
        var state = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{pageId}/state");
        Assert.True(state.GetProperty("labels").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "EVENT").GetProperty("retired").GetBoolean());
    }

    /// <summary>The first two characters of the first non-blank line of an editable article.</summary>
    private static async Task<(Anchor Start, Anchor End, string Text)> FirstCharactersAsync(HttpClient client, int pageId)
    {
        var state = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{pageId}/state");
        var lines = state.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("n").GetInt32(), l => l.GetProperty("text").GetString()!);
        foreach (var article in state.GetProperty("articles").EnumerateArray().Where(a => a.GetProperty("status").GetString() != "approved"))
        {
            foreach (var block in article.GetProperty("blocks").EnumerateArray())
            {
                for (var n = block.GetProperty("firstLine").GetInt32(); n <= block.GetProperty("lastLine").GetInt32(); n++)
                {
                    var text = lines[n];
                    var at = text.Length - text.TrimStart().Length;
                    if (text.Trim().Length >= 2 && !char.IsSurrogate(text[at]) && !char.IsSurrogate(text[at + 1]))
                    {
                        return (new Anchor(n, at), new Anchor(n, at + 2), text.Substring(at, 2));
                    }
                }
            }
        }

        throw new InvalidOperationException("No editable line.");
    }
}
