using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Localization;
using Workbench.Web.Review;
using Workbench.Web.Security;

namespace Workbench.Web.Pages.Projects;

/// <summary>Admins manage who belongs to the project and in which role. Removing a member keeps their work, attributed.</summary>
public sealed class MembersModel(WorkbenchDbContext db, ProjectAccess access, UserManager<AppUser> users, Hubs.ConnectionRevocation revocation) : ProjectPageModel(db, access)
{
    private string LastAdmin => this.Text()["A project needs at least one admin: make another member an admin first."];

    private string RoleName(ProjectRole role) => HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>().Role(role);

    public IReadOnlyList<MemberName> Members { get; private set; } = [];

    public bool AllowSelfReview { get; private set; }

    /// <summary>Independent annotation (issue #19): each annotator tags in their own layer; a curator merges them.</summary>
    public AnnotationMode AnnotationMode { get; private set; }

    public int AnnotatorsPerArticle { get; private set; } = Project.DefaultAnnotatorsPerArticle;

    [TempData(Key = "members-message")]
    public string? Message { get; set; }

    public string? Error { get; private set; }

    /// <summary>A message for this response only (not carried in TempData to the next request).</summary>
    public string? Notice { get; private set; }

    /// <summary>Shown once, right after a user was created with a generated password; never stored.</summary>
    public (string UserName, string Password)? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(int projectId) => await LoadAsync(projectId) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(int projectId, string? userName, ProjectRole role)
    {
        if (await LoadAsync(projectId) is { } refused)
        {
            return refused;
        }

        var user = await users.FindByNameAsync((userName ?? "").Trim());
        if (user is null)
        {
            return Fail(this.Text()["There is no user named “{0}”. Create them below instead.", userName ?? ""]);
        }

        if (Members.Any(m => m.UserId == user.Id))
        {
            return Fail(this.Text()["{0} is already a member of this project.", user.UserName!]);
        }

        Db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = role });
        await Db.SaveChangesAsync();
        Message = this.Text()["{0} joined the project as {1}.", user.UserName!, RoleName(role)];
        return RedirectToPage(new { projectId });
    }

    public async Task<IActionResult> OnPostCreateAsync(int projectId, string? userName, string? password, ProjectRole role)
    {
        if (await LoadAsync(projectId) is { } refused)
        {
            return refused;
        }

        userName = (userName ?? "").Trim();
        if (userName.Length == 0)
        {
            return Fail(this.Text()["Give the new user a user name."]);
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            return Fail(this.Text()["A user named “{0}” already exists; add them above instead.", userName]);
        }

        var generated = string.IsNullOrEmpty(password);
        password = generated ? DemoSeeder.GeneratePassword() : password!;
        AppUser user;
        try
        {
            user = await UserService.CreateAsync(users, userName, password);
        }
        catch (InvalidOperationException e)
        {
            return Fail(e.Message);
        }

        Db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = role });
        await Db.SaveChangesAsync();

        // No redirect: the generated password is shown in this response only, so it never sits in a cookie or a URL.
        await LoadAsync(projectId);
        Created = generated ? (userName, password) : null;
        Notice = this.Text()["{0} was created and joined the project as {1}.", userName, RoleName(role)];
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(int projectId, string userId, ProjectRole role)
    {
        if (await LoadAsync(projectId) is { } refused)
        {
            return refused;
        }

        var member = Members.FirstOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            return NotFound();
        }

        if (member.Role == ProjectRole.Admin && role != ProjectRole.Admin && Members.Count(m => m.Role == ProjectRole.Admin) == 1)
        {
            return Fail(LastAdmin);
        }

        await Db.ProjectMembers.Where(m => m.ProjectId == projectId && m.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role));
        await revocation.RevokeAsync(userId, projectId, SecurityMessages.ConnectionRevoked);
        Message = this.Text()["{0} is now {1}.", member.UserName, RoleName(role)];
        return RedirectToPage(new { projectId });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int projectId, string userId)
    {
        if (await LoadAsync(projectId) is { } refused)
        {
            return refused;
        }

        var member = Members.FirstOrDefault(m => m.UserId == userId);
        if (member is null)
        {
            return NotFound();
        }

        if (member.Role == ProjectRole.Admin && Members.Count(m => m.Role == ProjectRole.Admin) == 1)
        {
            return Fail(LastAdmin);
        }

        // Only the membership goes: the user, their operations and their comments stay, attributed to them.
        await Db.ProjectMembers.Where(m => m.ProjectId == projectId && m.UserId == userId).ExecuteDeleteAsync();
        await revocation.RevokeAsync(userId, projectId, SecurityMessages.ConnectionRevoked);
        Message = this.Text()["{0} was removed from the project; their work stays in the log under their name.", member.UserName];
        return RedirectToPage(new { projectId });
    }

    public async Task<IActionResult> OnPostSettingsAsync(int projectId, bool allowSelfReview, AnnotationMode? annotationMode, int? annotatorsPerArticle)
    {
        if (await LoadAsync(projectId) is { } refused)
        {
            return refused;
        }

        var mode = annotationMode ?? AnnotationMode;
        var required = annotatorsPerArticle ?? AnnotatorsPerArticle;
        if (!Enum.IsDefined(mode) || required is < 1 or > Project.MaxAnnotatorsPerArticle)
        {
            (AllowSelfReview, AnnotationMode, AnnotatorsPerArticle) = (allowSelfReview, Enum.IsDefined(mode) ? mode : AnnotationMode, Math.Clamp(required, 1, Project.MaxAnnotatorsPerArticle));
            return Fail(this.Text()["Annotators per article must be between 1 and {0}.", Project.MaxAnnotatorsPerArticle]);
        }

        await Db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.AllowSelfReview, allowSelfReview)
            .SetProperty(p => p.AnnotationMode, mode)
            .SetProperty(p => p.AnnotatorsPerArticle, required));
        var review = allowSelfReview ? this.Text()["Reviewers may now approve their own changes."] : this.Text()["Reviewers can no longer approve their own changes."];
        var annotation = mode == AnnotationMode.Independent
            ? this.Text()["Annotators now tag independently, {0} per article; curators merge their layers.", required]
            : this.Text()["Annotators now share one live entity layer."];
        Message = $"{review} {annotation}";
        return RedirectToPage(new { projectId });
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Fail(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int projectId)
    {
        if (await EnterAsync(projectId, ProjectRole.Admin) is { } refused)
        {
            return refused;
        }

        Members = await UserNames.MembersAsync(Db, projectId);
        var settings = await Db.Projects.Where(p => p.Id == projectId).Select(p => new { p.AllowSelfReview, p.AnnotationMode, p.AnnotatorsPerArticle }).FirstAsync();
        (AllowSelfReview, AnnotationMode, AnnotatorsPerArticle) = (settings.AllowSelfReview, settings.AnnotationMode, settings.AnnotatorsPerArticle);
        return null;
    }
}
