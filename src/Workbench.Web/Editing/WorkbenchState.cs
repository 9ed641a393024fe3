using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>What the workbench's browser code renders and edits: the page state, shaped for JavaScript.</summary>
public sealed record WorkbenchState(
    WorkbenchState.PageInfo Page,
    string Role,
    IReadOnlyList<WorkbenchState.LineDto> Lines,
    IReadOnlyList<WorkbenchState.ArticleDto> Articles,
    IReadOnlyList<WorkbenchState.EntityDto> Entities)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Keeps CJK readable while still escaping <, >, & and quotes, so the JSON is safe inside a <script> element.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static WorkbenchState From(Page page, string projectName, ProjectRole role, PageState state, IReadOnlyDictionary<int, double> confidence) => new(
        new PageInfo(page.Id, page.ProjectId, projectName, page.SourceName, page.Format.ToString().ToLowerInvariant(), page.Publication, page.IssueDate?.ToString("yyyy-MM-dd"), page.PageNumber, state.Version),
        role.ToString().ToLowerInvariant(),
        state.Lines.Values.Select(l => new LineDto(l.Number, l.Text, l.Original)).ToList(),
        state.Articles.Select(a => new ArticleDto(
            a.Key,
            a.Title,
            a.Status,
            confidence.GetValueOrDefault(a.Key, 1.0),
            a.AssigneeId,
            a.Blocks.Select(b => new BlockDto(b.Role.Name(), b.FirstLine, b.LastLine)).ToList())).ToList(),
        state.Entities.Select(e => new EntityDto(e.Key, e.Label, e.Start, e.End, e.Text, e.Source)).ToList());

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public sealed record PageInfo(int Id, int ProjectId, string ProjectName, string SourceName, string Format, string? Publication, string? IssueDate, int? PageNumber, int Version);

    public sealed record LineDto(int N, string Text, string Original);

    public sealed record ArticleDto(int Key, string Title, ArticleStatus Status, double Confidence, string? AssigneeId, IReadOnlyList<BlockDto> Blocks);

    public sealed record BlockDto(string Role, int FirstLine, int LastLine);

    public sealed record EntityDto(int Key, string Label, Anchor Start, Anchor End, string Text, EntitySource Source);
}
