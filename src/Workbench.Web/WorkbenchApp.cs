using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Workbench.Web.Security;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;
using Workbench.Web.Localization;
using Workbench.Web.ScaleOut;

namespace Workbench.Web;

/// <summary>Builds the web app; shared by `serve`, the CLI commands that need the database, and the tests.</summary>
public static class WorkbenchApp
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        // wwwroot sits at the repository root and is linked in as static web assets. Development turns their
        // manifest on by itself; `dotnet run` in Production needs it too (a published app has no manifest: no-op).
        builder.WebHost.UseStaticWebAssets();

        // A build's manifest (what `dotnet run` serves from) turns on the static-assets reloader, which answers every asset,
        // fingerprinted ones too, with Cache-Control: no-cache, so each editor open fetched its ~35 modules again, one import
        // level after another. Off, the manifest's own headers apply as in a published app: fingerprinted URLs are cached for
        // good, plain ones revalidate. Set ReloadStaticAssetsAtRuntime=true to edit wwwroot while the app runs.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        var services = builder.Services;

        var dataDirectory = DataPaths.ResolveDataDirectory(builder.Configuration, builder.Environment.ContentRootPath);
        var database = WorkbenchDatabase.Resolve(builder.Configuration, dataDirectory);
        var dataPaths = new DataPaths(dataDirectory, database.ConnectionString);
        services.AddSingleton(DataPaths.ResolveImagesDirectory(builder.Configuration, dataDirectory) is { } images ? dataPaths with { ImagesDirectory = images } : dataPaths);
        services.AddSingleton(database);
        database.AddDbContext(services);

        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
                options.Lockout.AllowedForNewUsers = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<WorkbenchDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<LanguageClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/Login";
            options.Cookie.Name = "workbench.auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = SessionStamp.ValidateAsync; // a log-out or a new password ends old cookies at once
            options.Events.OnRedirectToLogin = context => RespondOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddWorkbenchLocalization();
        services.AddRazorPages()
            .AddMvcOptions(options => options.Filters.Add<NoHandlerFilter>()) // a verb without a handler is 405, never the page rendered without its checks
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        var signalR = services.AddWorkbenchLive(builder.Configuration);
        services.AddScaleOut(builder.Configuration, database, signalR);
        services.AddScoped<ProjectAccess>();
        services.AddProblemDetails();
        services.AddSingleton<OriginCheck>();
        services.AddSingleton<LoginThrottle>();
        services.AddWorkbenchRateLimits(builder.Configuration);
        services.AddScoped<PageImporter>();
        services.AddDistributedMemoryCache();
        services.AddSingleton<UploadOutcomes>();
        services.AddSingleton<PageImageStore>();
        services.AddScoped<AnnotationImporter>();
        services.AddScoped<FileImporter>();
        services.AddScoped<LayerImporter>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<EditorStateLoader>();

        services.AddScoped<SuggestionService>();
        services.AddSingleton<ConnectionRevocation>();
        services.AddSingleton(TimeProvider.System);
        Segmentation.ProjectSegmenters.UseBaseModel = builder.Configuration.GetValue("Workbench:Segmentation:BaseModel", false);
        return builder;
    }

    public static WebApplication Build(string[] args)
    {
        var app = CreateBuilder(args).Build();
        app.UseSecurityHeaders();
        app.UseWorkbenchErrors();
        // The editor lived at /Workbench/{page} until it was given one name; links people saved or pasted into comments
        // and tickets keep working (permanent, so browsers and bookmarks learn the new address).
        app.UseRewriter(new RewriteOptions().AddRedirect(@"^Workbench/(\d+)(/.*)?$", "Editor/$1$2", StatusCodes.Status301MovedPermanently));
        app.UseRouting();
        app.UseAuthentication();

        // After authentication (the user's saved language is a claim), before everything that answers: pages,
        // minimal APIs and the hub's negotiate/connect requests.
        app.UseRequestLocalization();
        app.UseDatabaseBusyAnswer(); // inside the request's language, so the message is in it
        app.UseOriginCheck();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseApiMembershipGuard();
        app.MapStaticAssets().AllowAnonymous(); // the log-in page needs its styles and scripts before anyone is signed in (the fallback policy would ask for a log-in)
        app.MapRazorPages().WithStaticAssets();
        app.MapEditorEndpoints();
        app.MapHub<PageHub>("/hubs/page", hub => ScaleOutSetup.ConfigureHub(hub, app.Services.GetRequiredService<ScaleOutOptions>()));
        return app;
    }

    /// <summary>Creates and migrates the database (SQLite: WAL mode), then, if asked, makes the demo project and accounts.</summary>
    public static async Task InitializeAsync(WebApplication app, bool seedDemo, TextWriter console)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var database = scope.ServiceProvider.GetRequiredService<WorkbenchDatabase>();
        if (!database.IsPostgres)
        {
            scope.ServiceProvider.GetRequiredService<DataPaths>().EnsureDatabaseDirectory();
        }

        await database.MigrateAsync(db);
        try
        {
            await PageImportCleanup.RemoveAbandonedAsync(db, TimeProvider.System.GetUtcNow());
            await LabelService.EnsureDefaultsAsync(db);
            var config = app.Configuration;
            if (seedDemo && config.GetValue("Workbench:Demo:Seed", true))
            {
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(console);
            }
        }
        finally
        {
            await database.EndStartupAsync(db);
        }
    }

    private static Task RespondOrRedirect(HttpContext context, string redirectUri, int statusCode)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = statusCode;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
