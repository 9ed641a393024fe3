using Workbench.Web;
using Workbench.Web.Cli;

// One executable: `serve` (the default) runs the web app; other commands are the CLI.
if (WorkbenchCli.IsCliCommand(args))
{
    return await WorkbenchCli.RunAsync(args, Console.Out, Console.Error);
}

var app = WorkbenchApp.Build(WorkbenchCli.ServeArguments(args));
await WorkbenchApp.InitializeAsync(app, seedDemo: true, Console.Out);
await app.RunAsync();
return 0;

public partial class Program;
