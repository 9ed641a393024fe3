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
    /// <summary>Files a caller holding many (a folder) hands over at once: enough to keep every core busy and transactions full, few enough for steady progress.</summary>
    public const int BatchFiles = 256;

    /// <summary>Bytes of files held for one batch at most (a page file may be up to <see cref="Core.Pages.PageReader.MaxBytes"/>).</summary>
    public const long BatchBytes = 64L * 1024 * 1024;

    /// <param name="format">A page or annotation format name, or <see cref="ImportFormats.Auto"/>.</param>
    /// <param name="status">The status of imported annotated articles (draft or approved); pages are always draft.</param>
    /// <param name="lookup">Where a page's image may be found, or null for none.</param>
    /// <param name="encoding">How to read a text page that is not UTF-8 (see <see cref="TextEncodings"/>).</param>
    public async Task<FileImportResult> ImportAsync(int projectId, string name, byte[] bytes, string format, ArticleStatus status, ImageLookup? lookup, TextEncoding encoding = TextEncoding.Utf8, CancellationToken cancellationToken = default) =>
        (await ImportManyAsync(projectId, [new PageFile(name, bytes, lookup)], format, status, encoding, cancellationToken))[0];

    /// <summary>
    /// Files in order, one result per file. Consecutive page files go to <see cref="PageImporter.ImportManyAsync"/> together (one
    /// batch: parsed on every core, several pages per transaction); an annotation file between them is imported in its turn.
    /// </summary>
    /// <param name="files">Each file with where its image may be found (ignored for annotation files).</param>
    public async Task<IReadOnlyList<FileImportResult>> ImportManyAsync(int projectId, IReadOnlyList<PageFile> files, string format, ArticleStatus status, TextEncoding encoding = TextEncoding.Utf8, CancellationToken cancellationToken = default)
    {
        var results = new FileImportResult[files.Count];
        var run = new List<int>();
        async Task ImportRunAsync()
        {
            var outcomes = await pages.ImportManyAsync(projectId, [.. run.Select(i => files[i])], ImportFormats.ParsePage(format), encoding, cancellationToken);
            for (var j = 0; j < run.Count; j++)
            {
                results[run[j]] = new(outcomes[j], []);
            }

            run.Clear();
        }

        for (var i = 0; i < files.Count; i++)
        {
            var (name, bytes) = (files[i].Name, files[i].Bytes);
            if (!ImportFormats.IsAnnotationFile(name, bytes, format))
            {
                run.Add(i);
                continue;
            }

            if (run.Count > 0)
            {
                await ImportRunAsync();
            }

            var result = await annotations.ImportAsync(projectId, name, bytes, ImportFormats.ParseAnnotation(format), status, cancellationToken: cancellationToken);
            results[i] = new([result.Outcome], result.NewLabels);
        }

        if (run.Count > 0)
        {
            await ImportRunAsync();
        }

        return results;
    }
}
