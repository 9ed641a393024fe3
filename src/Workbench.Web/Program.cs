using Workbench.Web;
using Workbench.Web.Cli;

// One executable: `serve` (the default) runs the web app; other commands are the CLI.
if (WorkbenchCli.IsCliCommand(args))
{
    return await WorkbenchCli.RunAsync(args, Console.Out, Console.Error);
}

var app = WorkbenchApp.Build(WorkbenchCli.ServeArguments(args));
try
{
    await WorkbenchApp.InitializeAsync(app, seedDemo: true, Console.Out);
}
catch (Workbench.Web.Data.StartupException e)
{
    // A setting the app cannot start with: say what and why, without a stack trace.
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

await app.RunAsync();
return 0;

public partial class Program;
