using System.Text;
using System.Text.Json;
using Workbench.Core.Continuation;
using Workbench.Core.Export;

namespace Workbench.Core.Tests.Continuation;

public sealed class ContinuedArticlesTests
{
    [Theory]
    [InlineData("■上接第2版", MarkerDirection.From, 2)]
    [InlineData("（上接第二版）", MarkerDirection.From, 2)]
    [InlineData("(上接第２版)", MarkerDirection.From, 2)]
    [InlineData("上接12版", MarkerDirection.From, 12)]
    [InlineData("他说。（下转第4版）", MarkerDirection.On, 4)]
    [InlineData("下转第十二版", MarkerDirection.On, 12)]
    [InlineData("■下转第二十版", MarkerDirection.On, 20)]
    [InlineData("Continued from page 3", MarkerDirection.From, 3)]
    [InlineData("the mayor said. Continued on Page A4", MarkerDirection.On, 4)]
    [InlineData("(See PARK, page 7)", MarkerDirection.On, 7)]
    public void Markers_AreFoundWithDirectionAndPage(string text, MarkerDirection direction, int page)
    {
        var marker = Assert.Single(ContinuationMarkers.Find([(5, text)]));

        Assert.Equal(new ContinuationMarker(direction, page, 5), marker);
    }

    [Theory]
    [InlineData("上接下文")]
    [InlineData("第2版")]
    [InlineData("continued on the next day")]
    public void Markers_IgnoreLookalikes(string text) => Assert.Empty(ContinuationMarkers.Find([(1, text)]));

    [Fact]
    public void Join_ShiftsEntitiesAndRecordsCodePointRangesOfParts()
    {
        var page1 = new ExportPageInfo("p1.txt", "报", "2024-01-02", 1);
        var page2 = new ExportPageInfo("p2.txt", "报", "2024-01-02", 2);
        var first = new ExportArticle("aaa-1", page1, "标题", "甲𠀀乙", [new ExportEntity(3, 4, "PER", "乙", "manual")], "approved", ["ann"], "rev");
        var second = new ExportArticle("bbb-3", page2, "", "😀丙\r\n丁", [new ExportEntity(2, 3, "LOC", "丙", "manual")], "approved", ["ann2"], null)
        {
            Lines = [new ExportLine(4, "😀丙", "😀丙")],
        };

        var joined = ContinuedArticles.Join("aaa-1", [(first, 1), (second, 3)]);

        Assert.Equal("甲𠀀乙\n😀丙\r\n丁", joined.Text);
        Assert.Equal(["乙", "丙"], joined.Entities.Select(e => joined.Text[e.Start..e.End]));
        Assert.Equal([(0, 3), (4, 9)], joined.Parts.Select(p => (p.Start, p.End)));
        Assert.Equal(["aaa-1", "bbb-3"], joined.Parts.Select(p => p.ArticleId));
        Assert.Equal("p2.txt", Assert.Single(joined.Lines).PageSource);

        using var stream = new MemoryStream();
        var writer = new NerJsonlWriter(stream);
        writer.Write(joined, "all");
        writer.Complete();
        using var record = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        var root = record.RootElement;
        var text = root.GetProperty("text").GetString()!;
        var codePoints = text.EnumerateRunes().Select(r => r.ToString()).ToList();
        foreach (var entity in root.GetProperty("entities").EnumerateArray())
        {
            var slice = string.Concat(codePoints.Skip(entity.GetProperty("start").GetInt32()).Take(entity.GetProperty("end").GetInt32() - entity.GetProperty("start").GetInt32()));
            Assert.Equal(entity.GetProperty("text").GetString(), slice);
        }

        var parts = root.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(2, parts.Count);
        Assert.Equal("😀丙\r\n丁", string.Concat(codePoints.Skip(parts[1].GetProperty("start").GetInt32()).Take(parts[1].GetProperty("end").GetInt32() - parts[1].GetProperty("start").GetInt32())));
        Assert.Equal(2, parts[1].GetProperty("number").GetInt32());
        Assert.Equal(3, parts[1].GetProperty("key").GetInt32());
    }

    [Fact]
    public void Join_OfOnePageArticle_WritesNoParts()
    {
        using var stream = new MemoryStream();
        var writer = new NerJsonlWriter(stream);
        writer.Write(new ExportArticle("x-1", new ExportPageInfo("p.txt", null, null, null), "", "text", [], "approved", [], null), "all");
        writer.Complete();

        Assert.DoesNotContain("\"parts\"", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }
}

public sealed class ContinuationOperationTests
{
    [Fact]
    public void LinkContinuation_LeavesTheStateAndInvertsToUnlink()
    {
        var state = Editing.PageBuilder.Sample();
        var link = new Core.Editing.LinkContinuation(1, 42, 3, MarkerDirection.On);

        var applied = Editing.PageBuilder.Applied(state, link);

        Assert.True(Core.Editing.PageStates.AreEquivalent(state, applied.NewState, includeVersionAndCounters: false));
        Assert.Equal(state.Version + 1, applied.NewState.Version);
        Assert.Equal(new Core.Editing.UnlinkContinuation(1, 42, 3, MarkerDirection.On), applied.Inverse);
        Assert.Equal("Linked article 1: continued on article 3 of page id 42", Core.Editing.OperationDescriptions.Describe(link));
        var json = Core.Editing.PageOperationJson.Serialize(link);
        Assert.Contains("\"kind\":\"linkContinuation\"", json, StringComparison.Ordinal);
        Assert.Equal(link, Core.Editing.PageOperationJson.TryDeserialize(json));
    }

    [Fact]
    public void LinkContinuation_OnAnApprovedOrMissingArticle_IsRejected()
    {
        var approved = Editing.PageBuilder.Approve(Editing.PageBuilder.Sample(), 2);

        Assert.Contains("approved", Editing.PageBuilder.Rejected(approved, new Core.Editing.UnlinkContinuation(2, 7, 1, MarkerDirection.From)).Reason, StringComparison.Ordinal);
        Assert.NotNull(Editing.PageBuilder.Rejected(approved, new Core.Editing.LinkContinuation(99, 7, 1, MarkerDirection.On)));
    }
}
