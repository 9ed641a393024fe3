using Microsoft.EntityFrameworkCore;
using Workbench.Core.Pages;

namespace Workbench.Web.Import;

/// <summary>Page images: attached when a page is imported (see <see cref="ImportWithImageAsync"/>), or later on their own.</summary>
public sealed partial class PageImporter
{
    /// <summary>
    /// An image uploaded on its own: it becomes the image of every page of the project whose source name has the same base name
    /// (<c>p1.jpg</c> → <c>p1.xml</c>), replacing a previous image. A bad image, or one matching no page, is refused and not stored.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> AttachImageAsync(int projectId, string imageName, byte[] bytes, CancellationToken cancellationToken = default)
    {
        imageName = Path.GetFileName(imageName);
        var baseName = Path.GetFileNameWithoutExtension(imageName);
        var candidates = await db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId && p.SourceName.StartsWith(baseName + "."))
            .Select(p => new { p.Id, p.SourceName }).ToListAsync(cancellationToken);
        var pageIds = candidates.Where(p => string.Equals(Path.GetFileNameWithoutExtension(p.SourceName), baseName, StringComparison.Ordinal)).Select(p => p.Id).ToList();
        if (pageIds.Count == 0)
        {
            return [new ImportOutcome(imageName, ImportStatus.Rejected, ImageMessages.Unmatched(imageName))];
        }

        var refusals = new List<ImportOutcome>();
        if (PrepareImage(new ImageFile(imageName, bytes), refusals) is not { } image)
        {
            return refusals;
        }

        var outcomes = new List<ImportOutcome>();
        foreach (var pageId in pageIds)
        {
            outcomes.Add(await AttachImageAsync(pageId, image, cancellationToken));
        }

        return outcomes;
    }

    private async Task<ImportOutcome> AttachImageAsync(int pageId, PreparedImage image, CancellationToken cancellationToken)
    {
        var page = await db.Pages.FirstAsync(p => p.Id == pageId, cancellationToken);
        var previous = page.Image?.Path;
        page.Image = await images.SaveAsync(page.ProjectId, image, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (previous is not null && previous != page.Image.Path)
        {
            images.DeleteIfUnused(previous, await db.Pages.AnyAsync(p => p.Image != null && p.Image.Path == previous, cancellationToken));
        }

        return new ImportOutcome(image.Name, ImportStatus.Imported, ImageMessages.Attached(image.Name, page.SourceName, image.Width, image.Height), page.Id);
    }

    /// <summary>The image checked and converted, or null (a refusal is added to <paramref name="extra"/>).</summary>
    private static PreparedImage? PrepareImage(ImageFile? file, List<ImportOutcome> extra)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            return file.Refusal is not null
                ? throw new PageRejectedException(file.Name, file.Refusal)
                : PageImageStore.Prepare(file.Name, file.Bytes!);
        }
        catch (PageRejectedException e)
        {
            extra.Add(new ImportOutcome(file.Name, ImportStatus.Rejected, e.Message));
            return null;
        }
    }
}
