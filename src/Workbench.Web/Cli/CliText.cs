using Workbench.Core;

namespace Workbench.Web.Cli;

/// <summary>
/// The CLI's help and messages in the current UI language (Resources/Cli/CliText.resx, keyed by the English text):
/// the system culture (LANG/LC_ALL) or the global <c>--lang</c> option, set before the commands are built.
/// </summary>
internal static class CliText
{
    private static readonly ResourceText Text = new("Workbench.Web.Resources.Cli.CliText", typeof(CliText).Assembly);

    public static string T(string english) => Text.Get(english);

    public static string T(string english, params object?[] args) => Text.Format(english, args);
}
