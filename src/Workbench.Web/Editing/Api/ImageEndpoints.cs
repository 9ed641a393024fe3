using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;

namespace Workbench.Web.Editing.Api;

/// <summary>The page's scan.</summary>
public static class ImageEndpoints
{
    public static void MapImageEndpoints(this RouteGroupBuilder page)
    {
        // The URL the state gives carries the image's hash (?v=), so browsers may keep it; the ETag answers revalidation.
        page.MapGet("/image", async (int pageId, HttpContext http, WorkbenchDbContext db, Import.PageImageStore images, CancellationToken cancellationToken) =>
        {
            var image = await db.Pages.AsNoTracking().Where(p => p.Id == pageId).Select(p => p.Image).FirstOrDefaultAsync(cancellationToken);
            var path = image is null ? null : images.FullPath(image.Path);
            if (image is null || !File.Exists(path))
            {
                return EditorEndpoints.Problem(ServerMessages.NoImage, StatusCodes.Status404NotFound);
            }

            http.Response.Headers.CacheControl = "private, max-age=86400";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(path!, image.ContentType, lastModified: File.GetLastWriteTimeUtc(path!), entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{image.Sha256}\""));
        });
    }
}
