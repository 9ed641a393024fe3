using Workbench.Core.Tagging;

namespace Workbench.Core.Tests.Tagging;

public class OrgSuffixRuleTests
{
    [Theory]
    [InlineData("中共党员，乌兰察布市农林科学研究所副研究员", "乌兰察布市农林科学研究所")]
    [InlineData("准格尔旗交通运输局联合多家单位", "准格尔旗交通运输局")]
    [InlineData("正式在内蒙古农业大学职业技术学院设立", "内蒙古农业大学职业技术学院")]
    [InlineData("近日，察右后旗供电公司为解决", "察右后旗供电公司")]
    [InlineData("由内蒙古科学技术协会主办", "内蒙古科学技术协会")]
    [InlineData("自治区卫生健康委员会发布", "自治区卫生健康委员会")]
    [InlineData("校地合作、建立产学研中心", "产学研中心")]
    [InlineData("走进内蒙古农业大学", "内蒙古农业大学")]
    [InlineData("发改委、教育局、人社局等部门", "教育局")]
    [InlineData("赤峰应用技术学院高度重视", "赤峰应用技术学院")]
    [InlineData("记者走访呼和浩特市住建局", "呼和浩特市住建局")]
    [InlineData("记者采访包头市人社局", "包头市人社局")]
    [InlineData("动物疫苗技术创新中心挂牌国家生猪技术创新中心", "动物疫苗技术创新中心")]
    public void OrgSuffixRule_FindsOrganisations(string line, string expected)
    {
        var orgs = TaggingPages.Suggest(TaggingPages.RulesOnly, line).Where(s => s.Label == "ORG").Select(s => s.Text);

        Assert.Equal(expected, orgs.First());
    }

    [Theory]
    [InlineData("包头市发改委召开会议")]
    [InlineData("优化专业布局，打造新格局")]
    [InlineData("开展职业院校专业评估")]
    [InlineData("他因病住院")]
    [InlineData("局长讲话")]
    [InlineData("交通运输局长讲话")]
    [InlineData("以人民为中心")]
    [InlineData("乌兰察布市中心")]
    [InlineData("大学生就业")]
    [InlineData("在院里")]
    [InlineData("这是中国科学院院士")]
    [InlineData("高校科研院所")]
    [InlineData("公司成立大会")] // a suffix at the very start of a block: nothing before it (threw before the fix)
    [InlineData("中心")]
    public void OrgSuffixRule_IgnoresNonOrganisations(string line)
    {
        var orgs = TaggingPages.Suggest(TaggingPages.RulesOnly, line).Where(s => s.Label == "ORG").Select(s => s.Text).ToList();

        if (line.Contains("中国科学院", StringComparison.Ordinal))
        {
            Assert.Equal(["中国科学院"], orgs);
        }
        else
        {
            Assert.Empty(orgs);
        }
    }

    [Fact]
    public void OrgSuffixRule_RejectsPrefixLongerThan20()
    {
        var prefix = new string('甲', 21);

        Assert.Empty(TaggingPages.Suggest(TaggingPages.RulesOnly, prefix + "公司"));
        Assert.Single(TaggingPages.Suggest(TaggingPages.RulesOnly, prefix[1..] + "公司"));
    }

    [Fact]
    public void OrgSuffixRule_MatchesAcrossALineBreak()
    {
        var org = Assert.Single(TaggingPages.Suggest(TaggingPages.RulesOnly, "徐振朋，男，中共党员，乌兰", "察布市农林科学研究所副研究员。"));

        Assert.Equal("乌兰\n察布市农林科学研究所", org.Text);
        Assert.Equal(new(1, 11), org.Start);
        Assert.Equal(new(2, 10), org.End);
    }
}
