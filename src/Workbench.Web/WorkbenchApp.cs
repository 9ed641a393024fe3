using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Workbench.Web.Security;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;
using Workbench.Web.Localization;

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
        var services = builder.Services;

        var dataDirectory = DataPaths.ResolveDataDirectory(builder.Configuration, builder.Environment.ContentRootPath);
        var connectionString = DataPaths.ResolveConnectionString(builder.Configuration, dataDirectory);
        var dataPaths = new DataPaths(dataDirectory, connectionString);
        services.AddSingleton(DataPaths.ResolveImagesDirectory(builder.Configuration, dataDirectory) is { } images ? dataPaths with { ImagesDirectory = images } : dataPaths);
        services.AddDbContext<WorkbenchDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));

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
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddWorkbenchLive(builder.Configuration);
        services.AddScoped<ProjectAccess>();
        services.AddScoped<PageImporter>();
        services.AddSingleton<PageImageStore>();
        services.AddScoped<AnnotationImporter>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<WorkbenchStateLoader>();
        services.AddScoped<SuggestionService>();
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static WebApplication Build(string[] args)
    {
        var app = CreateBuilder(args).Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.UseRouting();
        app.UseAuthentication();

        // After authentication (the user's saved language is a claim), before everything that answers: pages,
        // minimal APIs and the hub's negotiate/connect requests.
        app.UseRequestLocalization();
        app.UseAuthorization();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapWorkbenchEndpoints();
        app.MapCommentEndpoints();
        app.MapHub<PageHub>("/hubs/page");
        return app;
    }

    /// <summary>Creates and migrates the database (WAL mode), then, if asked, makes the demo project and accounts.</summary>
    public static async Task InitializeAsync(WebApplication app, bool seedDemo, TextWriter console)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var paths = scope.ServiceProvider.GetRequiredService<DataPaths>();
        paths.EnsureDatabaseDirectory();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await LabelService.EnsureDefaultsAsync(db);
        var config = app.Configuration;
        if (seedDemo && config.GetValue("Workbench:Demo:Seed", true))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(console);
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
