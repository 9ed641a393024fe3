using System.Collections.Immutable;
using Workbench.Core.Segmentation;
using static Workbench.Core.Editing.EditMessages;

namespace Workbench.Core.Editing;

// Entities: add, relabel, remove.
public static partial class PageEditor
{
    private static OperationResult Add(PageState s, AddEntity op, ChangeRecorder changes)
    {
        if (string.IsNullOrWhiteSpace(op.Label))
        {
            return Reject(EmptyLabel);
        }

        if (TooLong(op.Label, EditLimits.MaxLabel, static () => LabelTooLong) is { } tooLong)
        {
            return tooLong;
        }

        if (op.Text is null)
        {
            return Reject(MissingValue, Missing.EntityText);
        }

        if (!Enum.IsDefined(op.Source))
        {
            return Reject(MissingValue, Missing.EntitySource);
        }

        if (!PageText.IsValid(s, op.Start) || !PageText.IsValid(s, op.End))
        {
            return Reject(EntityBadRange);
        }

        if (op.Start >= op.End)
        {
            return Reject(EntityEmpty);
        }

        if (op.Start.Line < op.End.Line && (op.Start.Offset == s.Lines[op.Start.Line].Text.Length || op.End.Offset == 0))
        {
            return Reject(EntityEdgesOnLineBreak);
        }

        // New entities must be inside one article; a restored one (undo) may also sit on unassigned lines, where it was.
        var article = s.ArticleOfLine(op.Start.Line);
        for (var n = op.Start.Line; n <= op.End.Line; n++)
        {
            var inPlace = article is null ? op.Key is not null && s.ArticleOfLine(n) is null : article.Blocks.Exists(b => b.Contains(n));
            if (!s.Lines.ContainsKey(n) || !inPlace)
            {
                return Reject(EntityNotInOneArticle);
            }
        }

        if (article is not null && article.IsLocked())
        {
            return Reject(ArticleApproved, article.Key);
        }

        if (op.Layer is not null && (article is null ? op.Key is null : article.LayerOf(op.Layer) is { Submitted: true }))
        {
            return Reject(LayerSubmitted);
        }

        var text = PageText.Slice(s, op.Start, op.End);
        if (text is null)
        {
            return Reject(EntityBadRange);
        }

        if (!string.Equals(text, op.Text, StringComparison.Ordinal))
        {
            return RejectWith(text, EntityTextMismatch);
        }

        int key;
        var next = s;
        if (op.Key is { } wanted)
        {
            if (wanted <= 0 || s.FindEntity(wanted) is not null)
            {
                return Reject(EntityKeyInUse, wanted);
            }

            key = wanted;
            next = next with { NextEntityKey = Math.Max(s.NextEntityKey, wanted + 1) };
        }
        else
        {
            // Per layer: another annotator's identical tag neither blocks this one nor may be revealed by a refusal.
            if (s.Entities.Exists(e => e.Start == op.Start && e.End == op.End && string.Equals(e.Label, op.Label, StringComparison.Ordinal) && string.Equals(e.Layer, op.Layer, StringComparison.Ordinal)))
            {
                return Reject(EntityDuplicate, op.Label);
            }

            key = s.NextEntityKey;
            next = next with { NextEntityKey = key + 1 };
        }

        var entity = new EntityState(key, op.Label, op.Start, op.End, text, op.Source, op.Layer);
        var position = s.Entities.FindIndex(e => e.Key > key);
        next = next with { Entities = position < 0 ? s.Entities.Add(entity) : s.Entities.Insert(position, entity) };
        if (op.Layer is { } layer && article is not null && article.LayerOf(layer) is null)
        {
            // The annotator's first tag in the article opens their layer of it.
            next = WithArticle(next, article with { Layers = article.LayerList.Add(new LayerState(layer, Submitted: false)) });
            changes.Article(article.Key);
        }

        changes.Entity(key);
        changes.ContentOfLine(s, op.Start.Line);
        return Ok(next, new RemoveEntity(key));
    }

    private static OperationResult.Rejected? EntityEditable(PageState s, int key, out EntityState entity)
    {
        entity = s.FindEntity(key)!;
        if (entity is null)
        {
            return Reject(EntityMissing, key);
        }

        if (entity.Layer is { } layer && s.ArticleOfLine(entity.Start.Line)?.LayerOf(layer) is { Submitted: true })
        {
            return Reject(LayerSubmitted);
        }

        return LineEditable(s, entity.Start.Line);
    }

    private static OperationResult ChangeLayerStatus(PageState s, SetLayerStatus op, ChangeRecorder changes)
    {
        if (op.Annotator is not { Length: > 0 } annotator)
        {
            return Reject(MissingValue, Missing.Annotator);
        }

        if (Editable(s, op.ArticleKey, out var article) is { } rejected)
        {
            return rejected;
        }

        var layer = article.LayerOf(annotator);
        if ((layer?.Submitted ?? false) == op.Submitted)
        {
            return Reject(op.Submitted ? LayerAlreadySubmitted : LayerNotSubmitted);
        }

        var layers = layer is null
            ? article.LayerList.Add(new LayerState(annotator, op.Submitted))
            : article.LayerList.Replace(layer, layer with { Submitted = op.Submitted });
        changes.Article(article.Key);
        return Ok(WithArticle(s, article with { Layers = layers }), new SetLayerStatus(op.ArticleKey, !op.Submitted, annotator));
    }

    private static OperationResult Relabel(PageState s, RelabelEntity op, ChangeRecorder changes)
    {
        if (EntityEditable(s, op.EntityKey, out var entity) is { } rejected)
        {
            return rejected;
        }

        if (string.IsNullOrWhiteSpace(op.Label))
        {
            return Reject(EmptyLabel);
        }

        if (TooLong(op.Label, EditLimits.MaxLabel, static () => LabelTooLong) is { } tooLong)
        {
            return tooLong;
        }

        if (!string.Equals(entity.Label, op.ExpectedLabel, StringComparison.Ordinal))
        {
            return RejectWith(entity.Label, LabelStale, op.EntityKey);
        }

        var next = s with { Entities = s.Entities.SetItem(s.Entities.IndexOf(entity), entity with { Label = op.Label }) };
        changes.Entity(entity.Key);
        changes.ContentOfLine(s, entity.Start.Line);
        return Ok(next, new RelabelEntity(op.EntityKey, op.Label, entity.Label));
    }

    private static OperationResult Remove(PageState s, RemoveEntity op, ChangeRecorder changes)
    {
        if (EntityEditable(s, op.EntityKey, out var entity) is { } rejected)
        {
            return rejected;
        }

        var next = s with { Entities = s.Entities.Remove(entity) };
        changes.EntityRemoved(entity.Key);
        changes.ContentOfLine(s, entity.Start.Line);
        return Ok(next, new AddEntity(entity.Label, entity.Start, entity.End, entity.Text, entity.Source, entity.Key, entity.Layer));
    }
}
