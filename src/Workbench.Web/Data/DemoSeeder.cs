using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Import;

namespace Workbench.Web.Data;

/// <summary>
/// First start: the demo accounts (one per role) and a demo project with the sample pages. Passwords come from
/// `Workbench:Demo:Password` or are generated and printed once; nothing secret is committed.
/// </summary>
public sealed class DemoSeeder(
    WorkbenchDbContext db,
    UserManager<AppUser> users,
    PageImporter importer,
    DataPaths paths,
    IConfiguration configuration,
    TimeProvider? clock = null)
{
    public const string DemoProjectName = "Demo: Inner Mongolia newspapers";

    public static readonly (string Name, ProjectRole Role)[] DemoAccounts =
    [
        ("admin", ProjectRole.Admin),
        ("reviewer", ProjectRole.Reviewer),
        ("annotator", ProjectRole.Annotator),
    ];

    public async Task SeedAsync(TextWriter console, CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var configured = configuration["Workbench:Demo:Password"];
        if (!string.IsNullOrEmpty(configured))
        {
            await CheckConfiguredPasswordAsync(configured);
        }

        var project = await ProjectService.GetOrCreateAsync(db, DemoProjectName, clock ?? TimeProvider.System, cancellationToken);
        var created = new List<(string Name, string Password, ProjectRole Role)>();
        foreach (var (name, role) in DemoAccounts)
        {
            var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
            var user = await UserService.CreateAsync(users, name, password);
            db.ProjectMembers.Add(new ProjectMember { ProjectId = project.Id, UserId = user.Id, Role = role });
            created.Add((name, password, role));
        }

        await db.SaveChangesAsync(cancellationToken);

        if (Directory.Exists(paths.SeedsDirectory))
        {
            foreach (var file in PageImporter.ExpandPaths([paths.SeedsDirectory]))
            {
                var lookup = ImageLookups.InFolder(file, paths.SeedsDirectory);
                foreach (var outcome in await importer.ImportWithImageAsync(project.Id, Path.GetFileName(file), await File.ReadAllBytesAsync(file, cancellationToken), lookup, cancellationToken: cancellationToken))
                {
                    await console.WriteLineAsync($"  demo page {outcome.Message}");
                }
            }
        }

        await console.WriteLineAsync();
        await console.WriteLineAsync($"Workbench demo accounts (project \"{DemoProjectName}\"); shown once, keep them:");
        foreach (var (name, password, role) in created)
        {
            await console.WriteLineAsync($"  {name,-10} {role,-10} password: {(string.IsNullOrEmpty(configured) ? password : "(from Workbench:Demo:Password)")}");
        }

        await console.WriteLineAsync();
    }

    /// <summary>Refuses a weak <c>Workbench:Demo:Password</c> before anything is created, saying which rules it breaks and what they are.</summary>
    private async Task CheckConfiguredPasswordAsync(string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new AppUser { UserName = DemoAccounts[0].Name }, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        if (problems.Count > 0)
        {
            throw new StartupException(Text.Format("WeakDemoPassword", string.Join(" ", problems), PasswordRules(users.Options.Password)));
        }
    }

    /// <summary>The password rules in a sentence, from the configured options.</summary>
    public static string PasswordRules(PasswordOptions options) =>
        Text.Format("PasswordRules", options.RequiredLength);

    private static readonly Core.ResourceText Text = new("Workbench.Web.Resources.Data.UserMessages", typeof(DemoSeeder).Assembly);

    /// <summary>A random password readable on a console: 16 characters from an unambiguous alphabet, plus a digit-letter mix.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }

            span[5] = '7';
            span[11] = 'k';
        });
    }
}
