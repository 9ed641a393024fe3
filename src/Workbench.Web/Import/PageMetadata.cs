using System.Globalization;
using System.Text.RegularExpressions;

namespace Workbench.Web.Import;

/// <summary>Publication, issue date and page number of a page, when known.</summary>
public sealed partial record PageMetadata(string? Publication, DateOnly? IssueDate, int? PageNumber)
{
    /// <summary>Reads "publication_2023-07-12_p03.txt"-style names; anything it cannot read stays unknown.</summary>
    public static PageMetadata FromFileName(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        DateOnly? date = null;
        var dateMatch = DatePattern().Match(name);
        if (dateMatch.Success && DateOnly.TryParseExact(
                $"{dateMatch.Groups["y"].Value}-{dateMatch.Groups["m"].Value}-{dateMatch.Groups["d"].Value}",
                "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
        }

        var pageMatch = PagePattern().Match(name);
        int? pageNumber = pageMatch.Success ? int.Parse(pageMatch.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
        string? publication = null;
        if (dateMatch.Success && dateMatch.Index > 0)
        {
            publication = name[..dateMatch.Index].Trim('_', '-', ' ');
            publication = publication.Length == 0 ? null : publication;
        }

        return new PageMetadata(publication, date, pageNumber);
    }

    [GeneratedRegex(@"(?<y>(19|20)\d{2})[-_.]?(?<m>[01]\d)[-_.]?(?<d>[0-3]\d)")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"(?:^|[_\-. ])(?:p|page|第)(?<n>\d{1,3})(?:版)?(?:$|[_\-. ])", RegexOptions.IgnoreCase)]
    private static partial Regex PagePattern();
}
