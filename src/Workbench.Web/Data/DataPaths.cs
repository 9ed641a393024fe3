using Microsoft.Data.Sqlite;

namespace Workbench.Web.Data;

/// <summary>
/// Where the data lives. Paths are absolute, built from the content root, never from the working directory
/// (tests run from bin/, and `dotnet run --project` runs from anywhere).
/// </summary>
public sealed record DataPaths(string DataDirectory, string ConnectionString)
{
    public string SeedsDirectory => Path.Combine(DataDirectory, "seeds");

    /// <summary>Where page images are stored (`Workbench:ImagesDirectory`, default images/ in the data directory).</summary>
    public string ImagesDirectory { get; init; } = Path.Combine(DataDirectory, "images");

    /// <summary>`Workbench:ImagesDirectory`, a relative path taken from the data directory; null when not set.</summary>
    public static string? ResolveImagesDirectory(IConfiguration configuration, string dataDirectory) =>
        configuration["Workbench:ImagesDirectory"] is { Length: > 0 } configured ? Path.GetFullPath(configured, dataDirectory) : null;

    /// <summary>The repository's data/ when running from source (content root src/Workbench.Web), else data/ under the content root.</summary>
    public static string ResolveDataDirectory(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["Workbench:DataDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        var repoData = Path.GetFullPath(Path.Combine(contentRoot, "..", "..", "data"));
        return Directory.Exists(repoData) ? repoData : Path.Combine(contentRoot, "data");
    }

    /// <summary>`ConnectionStrings:Workbench`, with a relative Data Source made absolute against the data directory.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Workbench") ?? "Data Source=workbench.db");
        var source = builder.DataSource;
        if (!string.IsNullOrEmpty(source) && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(dataDirectory, source));
        }

        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }

    public void EnsureDatabaseDirectory()
    {
        var source = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var directory = Path.GetDirectoryName(source);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
