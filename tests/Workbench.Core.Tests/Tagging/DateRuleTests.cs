using Workbench.Core.Tagging;

namespace Workbench.Core.Tests.Tagging;

public class DateRuleTests
{
    [Theory]
    [InlineData("会议于2023年7月11日召开", "2023年7月11日")]
    [InlineData("本报乌海7月11日电", "7月11日")]
    [InlineData("截至11月22日，", "11月22日")]
    [InlineData("2025年是收官之年", "2025年")]
    [InlineData("于2019年被教育部确定", "2019年")]
    [InlineData("活动于7月13日—17日举行", "7月13日—17日")]
    [InlineData("活动于7月13日–17日举行", "7月13日–17日")]
    [InlineData("活动于7月13日-17日举行", "7月13日-17日")]
    [InlineData("活动于7月13日至8月2日举行", "7月13日至8月2日")]
    [InlineData("活动于7月13日~17日举行", "7月13日~17日")]
    [InlineData("7月11—13日举行", "7月11—13日")]
    [InlineData("2024年1—11月份，全区", "2024年1—11月份")]
    [InlineData("2024年1至11月，全区", "2024年1至11月")]
    [InlineData("2023年7月，全区", "2023年7月")]
    [InlineData("2019—2020年连续两年", "2019—2020年")]
    [InlineData("本报鄂尔多斯7月 11日电", "7月 11日")]
    [InlineData("２０２３年７月１１日", "２０２３年７月１１日")]
    [InlineData("7月11号晚上", "7月11号")]
    [InlineData("7月份以来", "7月份")]
    public void DateRule_FindsDates(string line, string expected)
    {
        var suggestions = TaggingPages.Suggest(TaggingPages.RulesOnly, line).Where(s => s.Label == "DATE");

        var date = Assert.Single(suggestions);
        Assert.Equal(expected, date.Text);
        Assert.Equal(Workbench.Core.Editing.EntitySource.Rule, date.Source);
        Assert.Equal("date", date.RuleName);
    }

    [Theory]
    [InlineData("共有64名选手参赛")]
    [InlineData("近 2000 千瓦负荷")]
    [InlineData("6大类 35 个专业")]
    [InlineData("13月5日")]
    [InlineData("7月32日")]
    [InlineData("12345年")]
    [InlineData("工期6个月")]
    [InlineData("3000年以前")]
    [InlineData("第123月")]
    public void DateRule_IgnoresNonDates(string line)
    {
        Assert.DoesNotContain(TaggingPages.Suggest(TaggingPages.RulesOnly, line), s => s.Label == "DATE");
    }

    [Fact]
    public void DateRule_MatchesAcrossALineBreak()
    {
        var date = Assert.Single(TaggingPages.Suggest(TaggingPages.RulesOnly, "会议于2023年7", "月11日召开"));

        Assert.Equal("2023年7\n月11日", date.Text);
        Assert.Equal(new(1, 3), date.Start);
        Assert.Equal(new(2, 4), date.End);
    }
}
