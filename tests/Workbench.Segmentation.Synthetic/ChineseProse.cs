using System.Globalization;

namespace Workbench.Segmentation.Synthetic;

/// <summary>Simplified Chinese newspaper prose from templates (word lists written for this generator).</summary>
public sealed class ChineseProse(Random random) : Prose(random)
{
    private static readonly string[] Places =
    [
        "呼和浩特", "包头", "鄂尔多斯", "赤峰", "通辽", "呼伦贝尔", "巴彦淖尔", "乌兰察布", "锡林郭勒盟", "阿拉善盟", "兴安盟", "乌海",
        "满洲里", "二连浩特", "土默特左旗", "和林格尔县", "达拉特旗", "准格尔旗", "扎兰屯市", "牙克石市", "丰镇市", "托克托县",
    ];

    private static readonly string[] Organisations =
    [
        "市委", "市政府", "农牧局", "教育局", "文化和旅游局", "生态环境局", "科技局", "交通运输局", "卫生健康委", "住建局", "商务局",
        "税务局", "气象局", "林业和草原局", "水利局", "民政局", "人社局", "市场监管局", "发改委", "工信局", "应急管理局", "团市委",
    ];

    private static readonly string[] Topics =
    [
        "草原生态保护", "乡村振兴", "科技创新", "冬季供暖", "文旅融合", "营商环境", "农牧业现代化", "新能源产业", "义务教育",
        "医疗服务", "交通建设", "防沙治沙", "民族团结进步", "非遗传承", "社区治理", "稳岗就业", "黄河流域生态保护", "老旧小区改造",
        "数字政府建设", "冰雪旅游", "种业振兴", "安全生产", "食品安全", "全民健身", "养老服务", "河湖治理", "高标准农田建设",
    ];

    private static readonly string[] HeadlineVerbs =
    [
        "推进", "加快", "扎实开展", "全面启动", "稳步推进", "持续优化", "深入实施", "聚力推动", "高位推动", "创新开展", "统筹推进",
    ];

    private static readonly string[] Results =
    [
        "再添新成果", "取得新突破", "迈出新步伐", "跑出加速度", "成效明显", "呈现新气象", "交出亮眼答卷", "按下快进键", "见实效",
    ];

    private static readonly string[] Goals =
    [
        "高质量发展", "以人民为中心的发展思想", "生态优先、绿色发展", "稳中求进工作总基调", "共同富裕", "铸牢中华民族共同体意识",
    ];

    private static readonly string[] Projects = ["示范点", "服务站", "产业园", "合作社", "实训基地", "文化驿站", "便民服务中心", "智慧平台"];

    private static readonly string[] Entities = ["企业", "合作社", "家庭农牧场", "学校", "医疗机构", "社区", "嘎查村", "科研院所"];

    private static readonly string[] Activities =
    [
        "技能培训", "志愿服务", "项目签约", "现场观摩", "产销对接", "政策宣讲", "义诊活动", "招聘活动", "文艺展演", "安全检查",
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "宋", "包", "乌", "白", "韩"];

    private static readonly string[] GivenChars = ["晓", "海", "娜", "明", "丽", "强", "军", "芳", "敏", "静", "伟", "磊", "洋", "勇", "艳", "杰", "涛", "超", "霞", "平", "刚", "桂", "英", "华", "玲", "宇", "鑫", "琪", "然", "博", "图", "雅", "日", "格", "其", "木"];

    private static readonly string[] Kickers = ["聚焦高质量发展", "新春走基层", "一线见闻", "奋进新征程", "关注民生", "基层治理新观察", "记者调查", "图片新闻", "特别报道", "喜迎自治区成立纪念日"];

    private static readonly string[] SubheadPhrases = ["坚持规划先行", "做强特色产业", "补齐民生短板", "激发市场活力", "筑牢生态屏障", "创新工作机制", "强化要素保障", "提升服务水平"];

    private static readonly string[] Sections = ["要闻", "综合", "经济", "社会", "文化", "北疆", "旗县", "民生"];

    private static readonly string[] Weekdays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

    private static readonly string[] Ordinals = ["一", "二", "三", "四", "五"];

    public override bool Cjk => true;

    private string Name() => Pick(Surnames) + Pick(GivenChars) + (Random.Next(3) > 0 ? Pick(GivenChars) : "");

    private string Date() => $"{N(1, 12)}月{N(1, 28)}日";

    private string Num(int min, int max) => N(min, max).ToString(CultureInfo.InvariantCulture);

    public override string Headline(bool big)
    {
        var main = Random.Next(5) switch
        {
            0 => $"{Pick(Places)}{Pick(HeadlineVerbs)}{Pick(Topics)}",
            1 => $"{Pick(Topics)}{Pick(Results)}",
            2 => $"{Pick(Places)}：{Pick(Topics)}{Pick(Results)}",
            3 => $"{Pick(Places)}{Pick(Organisations)}{Pick(HeadlineVerbs)}{Pick(Activities)}",
            _ => $"{Pick(HeadlineVerbs)}{Pick(Topics)} 助力{Pick(Goals[..3])}",
        };
        return big && Random.Next(2) == 0 ? $"{main} {Pick(Topics)}{Pick(Results)}" : main;
    }

    public override string Kicker() => Pick(Kickers);

    public override string Deck() => Random.Next(2) == 0
        ? $"——访{Pick(Places)}{Pick(Organisations)}负责人{Name()}"
        : $"{Pick(Places)}{Num(2, 30)}个{Pick(Projects)}全部投入使用";

    public override string Byline() => Random.Next(3) switch
    {
        0 => $"本报记者 {Name()}",
        1 => $"本报记者 {Name()} {Name()}",
        _ => $"文/图 本报记者 {Name()}",
    };

    public override IReadOnlyList<string> Paragraph(bool first, bool dateline = false)
    {
        var sentences = new List<string>();
        if (first && (dateline || Random.Next(2) == 0))
        {
            sentences.Add($"本报{Pick(Places)}{Date()}讯（记者 {Name()}）{Sentence()}");
        }

        var count = N(2, 5);
        while (sentences.Count < count)
        {
            sentences.Add(Sentence());
        }

        return sentences;
    }

    private string Sentence() => Random.Next(12) switch
    {
        0 => $"{Date()}，{Pick(Places)}{Pick(Organisations)}召开{Pick(Topics)}工作推进会，安排部署下一阶段重点任务。",
        1 => $"今年以来，{Pick(Places)}坚持{Pick(Goals)}，围绕{Pick(Topics)}，累计投入资金{Num(2, 90)}.{Num(1, 9)}亿元，建成{Pick(Projects)}{Num(3, 60)}个。",
        2 => $"据了解，{Pick(Places)}共有{Num(12, 480)}家{Pick(Entities)}参与{Pick(Activities)}，带动{Num(200, 9000)}余人就业增收。",
        3 => $"“{Pick(Topics)}关系千家万户，我们必须抓紧抓实，”{Pick(Organisations)}工作人员{Name()}说，“下一步还要在{Pick(Topics)}上下功夫。”",
        4 => $"下一步，{Pick(Places)}将继续{Pick(HeadlineVerbs)}{Pick(Topics)}，推动{Pick(Goals)}落地见效。",
        5 => $"活动现场，{Pick(Entities)}代表与{Pick(Organisations)}干部围绕{Pick(Topics)}深入交流，提出意见建议{Num(10, 99)}条。",
        6 => $"截至{Date()}，全市{Pick(Topics)}项目完成投资{Num(10, 99)}.{Num(1, 9)}亿元，同比增长{Num(3, 40)}.{Num(1, 9)}%。",
        7 => $"在{Pick(Places)}的一处{Pick(Projects)}，村民{Name()}正忙着{Pick(Activities)}，脸上洋溢着笑容。",
        8 => $"{Pick(Places)}把{Pick(Topics)}作为重要抓手，建立“{Pick(Ordinals)}单{Pick(Ordinals)}制”工作机制，形成上下联动、齐抓共管的良好局面。",
        9 => $"近年来，当地先后培育{Pick(Entities)}{Num(5, 80)}家，打造{Pick(Projects)}{Num(2, 20)}处，{Pick(Topics)}水平显著提升。",
        10 => $"{Pick(Organisations)}有关负责人表示，将以此次{Pick(Activities)}为契机，进一步完善{Pick(Topics)}长效机制。",
        _ => $"据统计，{Date()}至{Date()}，{Pick(Places)}共开展{Pick(Activities)}{Num(3, 99)}场次，服务群众{Num(1, 9)}.{Num(1, 9)}万人次。",
    };

    public override string Subhead() => Random.Next(2) == 0 ? $"{Pick(Ordinals)}、{Pick(SubheadPhrases)}" : $"■{Pick(SubheadPhrases)}";

    public override string Caption() => Random.Next(2) == 0
        ? $"{Date()}，{Pick(Places)}{Pick(Entities)}工作人员在{Pick(Projects)}开展{Pick(Activities)}。"
        : $"图为{Pick(Places)}{Pick(Topics)}{Pick(Projects)}一角。";

    public override string Credit() => Random.Next(2) == 0 ? $"本报记者 {Name()} 摄" : $"■{Name()} 摄";

    public override string BriefTitle() => $"{Pick(Places)}{Pick(Activities)}{Pick(["启动", "举行", "开展", "落幕"])}";

    public override string ContinuedOn() => $"（下转第{N(2, 8)}版）";

    public override (string Paper, string Date, string Page, string Section) Header(int pageNumber) =>
        ("北疆晨报", $"2024年{N(1, 12)}月{N(1, 28)}日 {Pick(Weekdays)}", $"第{pageNumber}版", Pick(Sections));

    public override string Footer() => $"本版编辑：{Name()}  校对：{Name()}  美编：{Name()}";
}
