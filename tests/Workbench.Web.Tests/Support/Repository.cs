namespace Workbench.Web.Tests.Support;

public static class Repository
{
    /// <summary>The repository root: the folder holding Workbench.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Seeds => Path.Combine(Root, "data", "seeds");

    public static string SeedPath(string prefix) => Directory.GetFiles(Seeds, prefix + "*").Single();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workbench.sln not found above " + AppContext.BaseDirectory);
    }
}
