using Workbench.Core.Editing;

namespace Workbench.Web.Import;

/// <summary>What importing one file did: its outcomes (the page's, then its image's if any) and the labels it added.</summary>
public sealed record FileImportResult(IReadOnlyList<ImportOutcome> Outcomes, IReadOnlyList<string> NewLabels);

/// <summary>
/// The one path every imported file takes, from the CLI and from both upload forms: the format given, else the one the content
/// shows (<see cref="ImportFormats.IsAnnotationFile"/>), then <see cref="AnnotationImporter"/> or <see cref="PageImporter"/>.
/// </summary>
public sealed class FileImporter(PageImporter pages, AnnotationImporter annotations)
{
    /// <param name="format">A page or annotation format name, or <see cref="ImportFormats.Auto"/>.</param>
    /// <param name="status">The status of imported annotated articles (draft or approved); pages are always draft.</param>
    /// <param name="lookup">Where a page's image may be found, or null for none.</param>
    /// <param name="encoding">How to read a text page that is not UTF-8 (see <see cref="TextEncodings"/>).</param>
    public async Task<FileImportResult> ImportAsync(int projectId, string name, byte[] bytes, string format, ArticleStatus status, ImageLookup? lookup, TextEncoding encoding = TextEncoding.Utf8, CancellationToken cancellationToken = default)
    {
        if (ImportFormats.IsAnnotationFile(name, bytes, format))
        {
            var result = await annotations.ImportAsync(projectId, name, bytes, ImportFormats.ParseAnnotation(format), status, cancellationToken: cancellationToken);
            return new([result.Outcome], result.NewLabels);
        }

        var pageFormat = ImportFormats.ParsePage(format);
        return new(await pages.ImportWithImageAsync(projectId, name, bytes, lookup, pageFormat, encoding, cancellationToken), []);
    }
}
