using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Import;

using static Workbench.Web.Cli.CliText;

namespace Workbench.Web.Cli;

/// <summary>
/// `import FILE... --project NAME --annotator USER`: annotation files as USER's entity layer (<see cref="LayerImporter"/>).
/// The project is created in independent mode when missing (or switched to it while it has no pages); a shared-mode
/// project with pages is refused, its entities being everyone's. USER is created with a generated password (printed once)
/// when missing, and made an annotator of the project when not a member.
/// </summary>
internal static class LayerImportCommand
{
    public static async Task<int> RunAsync(TextWriter output, TextWriter error, string[] hostArgs, string[] arguments, string projectName, string formatName, string userName, CancellationToken cancellationToken)
    {
        if (formatName != ImportFormats.Auto && !ImportFormats.AnnotationFormats.Contains(formatName))
        {
            await error.WriteLineAsync(T("--annotator needs annotation files; {0} is a page format.", formatName));
            return 2;
        }

        var (files, missing) = await ImportCommand.FilesAsync(arguments, formatName, error);

        await using var host = await CliHost.OpenAsync(hostArgs);
        var db = host.Get<WorkbenchDbContext>();
        var users = host.Get<UserManager<AppUser>>();
        var target = await ProjectService.GetOrCreateAsync(db, projectName, TimeProvider.System, cancellationToken);
        if (target.AnnotationMode != AnnotationMode.Independent)
        {
            if (await db.Pages.AnyAsync(p => p.ProjectId == target.Id, cancellationToken))
            {
                await error.WriteLineAsync(T("{0} is in shared mode and has pages: an annotator's layer can only go into a project in independent mode.", target.Name));
                return 1;
            }

            target.AnnotationMode = AnnotationMode.Independent;
            await db.SaveChangesAsync(cancellationToken);
            await output.WriteLineAsync(T("{0} is in independent mode.", target.Name));
        }

        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            var password = DemoSeeder.GeneratePassword();
            try
            {
                user = await UserService.CreateAsync(users, userName, password);
            }
            catch (InvalidOperationException e)
            {
                await error.WriteLineAsync(e.Message);
                return 1;
            }

            await output.WriteLineAsync(T("Created {0}; password: {1}", userName, password));
        }

        if (await db.ProjectMembers.FindAsync([target.Id, user.Id], cancellationToken) is null)
        {
            db.ProjectMembers.Add(new ProjectMember { ProjectId = target.Id, UserId = user.Id, Role = ProjectRole.Annotator });
            await db.SaveChangesAsync(cancellationToken);
            await output.WriteLineAsync(T("{0} is {1} in {2}.", userName, Localization.SharedText.RoleName(ProjectRole.Annotator), target.Name));
        }

        var importer = host.Get<LayerImporter>();
        var outcomes = new List<ImportOutcome>();
        foreach (var file in files.Except(missing))
        {
            var bytes = new FileInfo(file).Length > Core.Pages.PageReader.MaxBytes ? [] : await File.ReadAllBytesAsync(file, cancellationToken);
            var name = Path.GetFileName(file);
            if (bytes.Length == 0 && new FileInfo(file).Length > 0)
            {
                outcomes.Add(new ImportOutcome(name, ImportStatus.Rejected, ImportMessages.TooLarge(name)));
                continue;
            }

            if (!ImportFormats.IsAnnotationFile(name, bytes, formatName))
            {
                outcomes.Add(new ImportOutcome(name, ImportStatus.Rejected, T("{0}: not an annotation file; --annotator imports annotation files only.", name)));
                continue;
            }

            outcomes.Add((await importer.ImportAsync(target.Id, name, bytes, ImportFormats.ParseAnnotation(formatName), user.Id, user.UserName ?? userName, cancellationToken)).Outcome);
        }

        foreach (var outcome in outcomes)
        {
            await (outcome.Status == ImportStatus.Rejected ? error : output).WriteLineAsync(outcome.Message);
        }

        var rejected = outcomes.Count(o => o.Status == ImportStatus.Rejected) + missing.Count;
        await output.WriteLineAsync(T("{0} imported, {1} skipped as duplicates, {2} refused.", outcomes.Count(o => o.Status == ImportStatus.Imported), outcomes.Count(o => o.Status == ImportStatus.Duplicate), rejected));
        return rejected > 0 ? 1 : 0;
    }
}
