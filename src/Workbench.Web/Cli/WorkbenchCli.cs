using System.CommandLine;
using System.Globalization;
using Workbench.Web.Localization;
using static Workbench.Web.Cli.CliText;

namespace Workbench.Web.Cli;

/// <summary>
/// The command line of the one executable. `serve` (or no command) runs the web app outside System.CommandLine,
/// so host arguments such as --urls pass straight to ASP.NET and WebApplicationFactory can hook the host.
/// Help and messages follow the system language (LANG/LC_ALL) or the global <c>--lang en|zh-Hans</c>.
/// </summary>
public static class WorkbenchCli
{
    public const string LangOption = "--lang";

    private static readonly string[] HelpWords = ["Description:", "(REQUIRED)", "[default: "];

    private static readonly string[] Commands = ["segment", "segmenter", "import", "export", "users", "agreement", "--help", "-h", "-?", "--version"];

    public static bool IsCliCommand(string[] args)
    {
        var rest = WithoutLang(args, out _);
        return rest.Length > 0 && Commands.Contains(rest[0]);
    }

    public static string[] ServeArguments(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    /// <param name="hostArgs">Host settings for commands that open the database (tests pass their own connection string).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, string[]? hostArgs = null)
    {
        hostArgs ??= [];
        WithoutLang(args, out var requested);

        // The language is settled before any command is built: descriptions are read when the commands are made.
        var culture = AppCultures.CultureFor(requested ?? CultureInfo.CurrentUICulture.Name);
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentUICulture = culture;
        if (requested is not null)
        {
            CultureInfo.CurrentCulture = culture;
        }

        try
        {
            var lang = new Option<string>(LangOption)
            {
                Description = T("Language of help and messages: en or zh-Hans (default: the system language)."),
                Recursive = true,
                HelpName = "en|zh-Hans",
            };
            var root = new RootCommand(T("Workbench: review and annotate newspaper OCR. Without a command, or with `serve`, it runs the web app (ASP.NET options such as --urls apply)."))
            {
                new Command("serve", T("Run the web app (the default). Accepts ASP.NET options such as --urls http://localhost:5000.")),
                SegmentCommand.Create(output, error),
                ImportCommand.Create(output, error, hostArgs),
                ExportCommand.Create(output, error, hostArgs),
                UsersCommand.Create(output, error, hostArgs),
                SegmenterCommand.Create(output, error, hostArgs),
                AgreementCommand.Create(output, error, hostArgs),
            };
            root.Options.Add(lang);
            foreach (var helpOption in root.Options.OfType<System.CommandLine.Help.HelpOption>())
            {
                helpOption.Description = T("Show help and usage information");
            }

            var parsed = root.Parse(args);
            if (parsed.Action is not System.CommandLine.Help.HelpAction)
            {
                return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            }

            // System.CommandLine's own zh-Hans resources leave a few help words in English; finish them here.
            var help = new StringWriter(CultureInfo.InvariantCulture);
            var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = help, Error = error });
            await output.WriteAsync(HelpWords.Aggregate(help.ToString(), (text, word) => text.Replace(word, SameWidth(word, T(word)), StringComparison.Ordinal)));
            return code;
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    /// <summary>The translation padded to the terminal width of the original, so help columns stay aligned (CJK is two columns wide).</summary>
    private static string SameWidth(string original, string translation)
    {
        var width = translation.Sum(c => c >= '\u1100' ? 2 : 1);
        return width < original.Length && !original.EndsWith(' ') ? translation + new string(' ', original.Length - width) : translation;
    }

    /// <summary>The arguments without <c>--lang X</c> / <c>--lang=X</c>; <paramref name="language"/> is X (the last one given).</summary>
    private static string[] WithoutLang(string[] args, out string? language)
    {
        language = null;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == LangOption && i + 1 < args.Length)
            {
                language = args[++i];
            }
            else if (args[i].StartsWith(LangOption + "=", StringComparison.Ordinal))
            {
                language = args[i][(LangOption.Length + 1)..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return [.. rest];
    }
}
