using Workbench.Core.Export;

namespace Workbench.Core.Agreement;

/// <summary>Builds <see cref="AgreementItem"/>s from annotation files made elsewhere, one file per annotator.</summary>
public static class AgreementItems
{
    /// <summary>
    /// One item per distinct text of the documents, pairing records by their exact text (no normalisation) and, for a
    /// text that occurs several times, by occurrence (the k-th record with that text in one file pairs with the k-th in
    /// another). An annotator whose file lacks a text is missing on that item. Ids are
    /// <c>{document name}#{1-based record}</c> of the first annotator (ordinal order) whose file has the text; items come
    /// in that annotator's record order, then the next annotator's unpaired records. When two files have the same name and
    /// such an id would repeat, the annotator's name is added (<c>dev.json#3@B</c>).
    /// </summary>
    public static IReadOnlyList<AgreementItem> FromDocuments(IReadOnlyDictionary<string, ImportedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var order = new List<(string Text, int Occurrence)>();
        var found = new Dictionary<(string Text, int Occurrence), (string Id, string Text, Dictionary<string, IReadOnlyList<ImportedSpan>> Layers)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (annotator, document) in documents.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < document.Texts.Count; i++)
            {
                var text = document.Texts[i];
                var occurrence = seen[text.Text] = seen.GetValueOrDefault(text.Text) + 1;
                var key = (text.Text, occurrence);
                if (!found.TryGetValue(key, out var item))
                {
                    var id = $"{document.Name}#{i + 1}";
                    id = ids.Add(id) ? id : $"{id}@{annotator}";
                    ids.Add(id);
                    item = (id, text.Text, new Dictionary<string, IReadOnlyList<ImportedSpan>>(StringComparer.Ordinal));
                    found[key] = item;
                    order.Add(key);
                }

                item.Layers[annotator] = text.Spans;
            }
        }

        return [.. order.Select(key => found[key]).Select(i => AgreementItem.FromText(i.Id, i.Text, i.Layers))];
    }
}
