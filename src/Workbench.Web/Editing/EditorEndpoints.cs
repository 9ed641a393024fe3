using Workbench.Web.Editing.Api;
using Workbench.Web.Security;

namespace Workbench.Web.Editing;

/// <summary>
/// The JSON API the editor's browser code calls. Every endpoint of a page is mapped through one member group, so the
/// page's project and the caller's role are resolved once (<see cref="MembershipFilter"/>) and bound to the handler as a
/// <see cref="Membership"/>; each concern maps its own endpoints (files in <c>Editing/Api/</c>).
/// </summary>
public static class EditorEndpoints
{
    public const string PageRoute = "/api/pages/{pageId:int}";

    public static void MapEditorEndpoints(this IEndpointRouteBuilder app)
    {
        var page = app.MapMemberGroup(PageRoute);
        page.MapStateEndpoints();
        page.MapOperationEndpoints();
        page.MapTaggingEndpoints();
        page.MapImageEndpoints();
        page.MapCommentEndpoints();
        page.MapCurationEndpoints();
    }

    internal static IResult Problem(string detail, int statusCode) => Results.Problem(detail, statusCode: statusCode);
}
