using System.CommandLine;

namespace Workbench.Web.Cli;

/// <summary>
/// The command line of the one executable. `serve` (or no command) runs the web app outside System.CommandLine,
/// so host arguments such as --urls pass straight to ASP.NET and WebApplicationFactory can hook the host.
/// </summary>
public static class WorkbenchCli
{
    private static readonly string[] Commands = ["segment", "import", "export", "users", "--help", "-h", "-?", "--version"];

    public static bool IsCliCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static string[] ServeArguments(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;

    /// <param name="hostArgs">Host settings for commands that open the database (tests pass their own connection string).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, string[]? hostArgs = null)
    {
        hostArgs ??= [];
        var root = new RootCommand("Workbench: review and annotate newspaper OCR. Without a command, or with `serve`, it runs the web app (ASP.NET options such as --urls apply).")
        {
            new Command("serve", "Run the web app (the default). Accepts ASP.NET options such as --urls http://localhost:5000."),
            SegmentCommand.Create(output, error),
            ImportCommand.Create(output, error, hostArgs),
            ExportCommand.Create(output, error, hostArgs),
            UsersCommand.Create(output, error, hostArgs),
        };
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration);
    }
}
