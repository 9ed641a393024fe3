using Microsoft.EntityFrameworkCore;

namespace Workbench.Web.Data;

public static class ProjectService
{
    public static async Task<Project> GetOrCreateAsync(WorkbenchDbContext db, string name, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (project is not null)
        {
            return project;
        }

        project = new Project { Name = name, CreatedAt = clock.GetUtcNow() };
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        LabelService.AddDefaults(db, project.Id);
        await db.SaveChangesAsync(cancellationToken);
        return project;
    }
}
