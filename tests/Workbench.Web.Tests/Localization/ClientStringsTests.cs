using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Localization;

/// <summary>
/// The strings of the browser code: the #wb-strings block the server renders (ClientStrings*.resx) has the same keys in
/// both languages, every S.&lt;key&gt; the js files read exists, and the Editor pages' resx pairs match.
/// </summary>
public sealed partial class ClientStringsTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private static string Resources => Path.Combine(Repository.Root, "src", "Workbench.Web", "Resources", "Localization");

    [Fact]
    public async Task WorkbenchPage_RendersTheSameKeysInChineseAndEnglish_InTheRightLanguage()
    {
        var client = await factory.LoginAsync("annotator");
        var pageId = await factory.PageIdAsync("000a_");

        var english = Flatten(await StringsAsync(client, $"/Editor/{pageId}", "en"));
        var chinese = Flatten(await StringsAsync(client, $"/Editor/{pageId}", "zh-Hans"));

        Assert.True(english.Count > 150, $"only {english.Count} keys");
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), chinese.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Split", english["actions.split"]);
        Assert.Equal("拆分", chinese["actions.split"]);
        Assert.Equal("已连接", chinese["connection.connected"]);
        Assert.Equal("撤销", chinese["actions.undo"]);
        Assert.All(chinese, p => Assert.False(string.IsNullOrWhiteSpace(p.Value), p.Key));
        // Every sentence is translated: a Chinese value equal to its English one may only be symbols, keys or placeholders.
        var untranslated = chinese.Where(p => p.Value == english[p.Key] && Words().IsMatch(Placeholders().Replace(p.Value, "")) && !KeyNames().IsMatch(p.Value)).Select(p => p.Key).ToList();
        Assert.Empty(untranslated);
    }

    [Fact]
    public async Task HelpRows_ArriveAsAnArrayInOrder()
    {
        var client = await factory.LoginAsync("annotator");
        var pageId = await factory.PageIdAsync("000a_");

        using var strings = await StringsAsync(client, $"/Editor/{pageId}", "zh-Hans");

        var rows = strings.RootElement.GetProperty("help").GetProperty("rows");
        Assert.Equal(JsonValueKind.Array, rows.ValueKind);
        Assert.Equal("单击 / Shift+单击", rows[0].GetProperty("keys").GetString());
        Assert.Equal("显示此帮助", rows[rows.GetArrayLength() - 1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task ReviewQueue_HasTheStringsBlockToo()
    {
        var client = await factory.LoginAsync("reviewer");
        var projectId = await factory.DemoProjectIdAsync();

        var queue = Flatten(await StringsAsync(client, $"/Projects/{projectId}/Review", "zh-Hans"));

        Assert.Equal("无法连接服务器：{0}", queue["queue.unreachable"]);
    }

    [Fact]
    public async Task EditorPages_FollowTheUiCulture()
    {
        var client = await factory.LoginAsync("admin");
        var pageId = await factory.PageIdAsync("000a_");

        var workbench = await GetAsync(client, $"/Editor/{pageId}", "zh-Hans");
        var history = await GetAsync(client, $"/Editor/{pageId}/History", "zh-Hans");
        var englishHistory = await GetAsync(client, $"/Editor/{pageId}/History", "en");

        Assert.Contains("<header class=\"pane-head\">OCR 行</header>", workbench, StringComparison.Ordinal);
        Assert.Contains("篇文章", workbench, StringComparison.Ordinal);
        Assert.Contains("的历史记录", history, StringComparison.Ordinal);
        Assert.Contains("History of", englishHistory, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ClientStrings")]
    [InlineData("EditorText")]
    public void ResxPairs_HaveTheSameKeys_AndNoEmptyValues(string name)
    {
        var english = ReadResx(Path.Combine(Resources, name + ".resx"));
        var chinese = ReadResx(Path.Combine(Resources, name + ".zh-Hans.resx"));

        Assert.NotEmpty(english);
        Assert.Equal([], english.Keys.Except(chinese.Keys).Order(StringComparer.Ordinal));
        Assert.Equal([], chinese.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        Assert.All(english.Concat(chinese), p => Assert.False(string.IsNullOrWhiteSpace(p.Value), p.Key));
        // Same placeholders on both sides, so fmt() fills the same slots.
        Assert.All(english, p => Assert.Equal(Slots(p.Value), Slots(chinese[p.Key])));
    }

    [Fact]
    public void EveryKeyTheJavaScriptReads_Exists()
    {
        var keys = ReadResx(Path.Combine(Resources, "ClientStrings.resx")).Keys.ToHashSet(StringComparer.Ordinal);
        var groups = keys.SelectMany(k => Prefixes(k)).ToHashSet(StringComparer.Ordinal);
        var scripts = Directory.GetFiles(Path.Combine(Repository.Root, "wwwroot", "js"), "*.js")
            .Where(f => Path.GetFileName(f) != "strings.js").ToList();
        Assert.NotEmpty(scripts);

        var used = new List<(string File, string Key)>();
        foreach (var file in scripts)
        {
            foreach (Match m in Usage().Matches(File.ReadAllText(file)))
            {
                used.Add((Path.GetFileName(file), m.Groups[1].Value));
            }
        }

        Assert.True(used.Count > 100, $"only {used.Count} usages found: the pattern no longer matches the code");
        var missing = used.Where(u => !keys.Contains(u.Key) && !groups.Contains(u.Key)).Select(u => $"{u.File}: S.{u.Key}").Distinct().ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryValueTheJavaScriptLooksUpByName_HasAKey()
    {
        // Looked up dynamically (S.statuses[article.status], S.roles[block.role], S.tagging.sources[e.source],
        // S.connection[status] and S.connection[`${status}Title`]), so the usage scan above cannot see them.
        var keys = ReadResx(Path.Combine(Resources, "ClientStrings.resx")).Keys.ToHashSet(StringComparer.Ordinal);
        var expected = new List<string>();
        expected.AddRange(Enum.GetValues<Workbench.Core.Editing.ArticleStatus>().Select(s => "statuses." + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString())));
        expected.AddRange(Enum.GetValues<Workbench.Core.Editing.EntitySource>().Select(s => "tagging.sources." + System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(s.ToString())));
        expected.AddRange(Enum.GetValues<Workbench.Core.Segmentation.BlockRole>().Select(r => "roles." + r.ToString().ToLowerInvariant()));
        foreach (var state in new[] { "connecting", "connected", "reconnecting", "offline" })
        {
            expected.Add("connection." + state);
            expected.Add($"connection.{state}Title");
        }

        foreach (var action in new[] { "split", "mergePrev", "mergeNext", "move", "undo", "redo", "help" })
        {
            expected.Add("actions." + action);
            expected.Add($"actions.{action}Title");
        }

        foreach (var (group, names) in new[] { ("review", new[] { "start", "submit", "approve", "requestChanges", "withdraw", "reopen" }), ("suggestions", ["acceptAll", "rejectAll"]) })
        {
            expected.AddRange(names.SelectMany(n => new[] { $"{group}.{n}", $"{group}.{n}Title" }));
        }

        Assert.Equal([], expected.Where(k => !keys.Contains(k)));
    }

    [Fact]
    public void NoJavaScriptFile_HoldsEnglishSentences()
    {
        // Literal UI text belongs in ClientStrings.resx: a quoted run of three or more English words is a string left behind.
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "wwwroot", "js"), "*.js"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith('*') || code.StartsWith("/*", StringComparison.Ordinal) || code.Contains("console.", StringComparison.Ordinal))
                {
                    continue;
                }

                if (Sentence().IsMatch(code))
                {
                    offenders.Add($"{Path.GetFileName(file)}:{i + 1}: {code}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    private static IEnumerable<string> Prefixes(string key)
    {
        for (var i = key.IndexOf('.', StringComparison.Ordinal); i > 0; i = key.IndexOf('.', i + 1))
        {
            yield return key[..i];
        }
    }

    private static List<string> Slots(string template) => [.. Placeholders().Matches(template).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> ReadResx(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static async Task<string> GetAsync(HttpClient client, string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonDocument> StringsAsync(HttpClient client, string url, string language)
    {
        var html = await GetAsync(client, url, language);
        var match = Block().Match(html);
        Assert.True(match.Success, $"no #wb-strings block on {url}");
        return JsonDocument.Parse(match.Groups[1].Value);
    }

    private static Dictionary<string, string> Flatten(JsonDocument document)
    {
        using (document)
        {
            var flat = new Dictionary<string, string>(StringComparer.Ordinal);
            Walk(document.RootElement, "", flat);
            return flat;
        }

        static void Walk(JsonElement node, string path, Dictionary<string, string> flat)
        {
            switch (node.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in node.EnumerateObject()) { Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", flat); }
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in node.EnumerateArray()) { Walk(item, $"{path}.{i++:00}", flat); }
                    break;
                default:
                    flat[path] = node.GetString()!;
                    break;
            }
        }
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"wb-strings\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex Block();

    // S.a.b.c, not preceded by a letter, digit or dot (so CSS.escape is not read as S.escape).
    [GeneratedRegex(@"(?<![\w$.])S\.([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)")]
    private static partial Regex Usage();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholders();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Words();

    // Values that are only keyboard keys (same in every language).
    [GeneratedRegex(@"^(?:(?:Ctrl|Shift|Tab|Enter|Delete|Esc|[A-Z]|\d–\d|[←→↑↓?])(?:[+ /]|–\d)*)+$")]
    private static partial Regex KeyNames();

    // A quoted (', ", `) sentence: a capitalised word and two more words, "Could not load", `Refused (${status})`.
    // (Lower-case runs are class lists: 'tool primary review-send'.)
    [GeneratedRegex(@"['""`][^'""`]*?\b[A-Z][a-z]+ [a-z]{2,} [a-z]{2,}")]
    private static partial Regex Sentence();
}
