using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Workbench.Web.Data;

using static Workbench.Web.Cli.CliText;

namespace Workbench.Web.Cli;

/// <summary>`users add NAME --role ROLE --project NAME`: password from stdin, or generated and printed.</summary>
internal static class UsersCommand
{
    public static Command Create(TextWriter output, TextWriter error, string[] hostArgs)
    {
        var name = new Argument<string>("NAME") { Description = T("The user name to log in with.") };
        var role = new Option<string>("--role") { Description = T("admin, reviewer or annotator."), Required = true };
        role.AcceptOnlyFromAmong("admin", "reviewer", "annotator");
        var project = new Option<string>("--project") { Description = T("The project to add the user to; created if missing."), Required = true };
        var add = new Command("add", T("Create a user (or take an existing one) and make them a member of a project. The password is read from stdin when piped, else generated and printed.")) { name, role, project };
        add.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CliHost.OpenAsync(hostArgs);
            var users = host.Get<UserManager<AppUser>>();
            var db = host.Get<WorkbenchDbContext>();
            var userName = parse.GetValue(name)!.Trim();
            var memberRole = Enum.Parse<ProjectRole>(parse.GetValue(role)!, ignoreCase: true);
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                var piped = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(cancellationToken))?.Trim() : null;
                var password = string.IsNullOrEmpty(piped) ? DemoSeeder.GeneratePassword() : piped;
                try
                {
                    user = await UserService.CreateAsync(users, userName, password);
                }
                catch (InvalidOperationException e)
                {
                    await error.WriteLineAsync(e.Message);
                    return 1;
                }

                await output.WriteLineAsync(string.IsNullOrEmpty(piped) ? T("Created {0}; password: {1}", userName, password) : T("Created {0} with the password from stdin.", userName));
            }

            var target = await ProjectService.GetOrCreateAsync(db, parse.GetValue(project)!, TimeProvider.System, cancellationToken);
            var member = await db.ProjectMembers.FindAsync([target.Id, user.Id], cancellationToken);
            if (member is null)
            {
                db.ProjectMembers.Add(new ProjectMember { ProjectId = target.Id, UserId = user.Id, Role = memberRole });
            }
            else
            {
                member.Role = memberRole;
            }

            await db.SaveChangesAsync(cancellationToken);
            await output.WriteLineAsync(T("{0} is {1} in {2}.", userName, Localization.SharedText.RoleName(memberRole), target.Name));
            return 0;
        });
        return new Command("users", T("Manage user accounts.")) { add };
    }
}
