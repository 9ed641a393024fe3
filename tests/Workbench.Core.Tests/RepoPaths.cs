namespace Workbench.Core.Tests;

/// <summary>Finds files in the repository by walking up from the test binaries to the folder holding Workbench.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Workbench.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Workbench.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Seeds => Path.Combine(Root, "data", "seeds");

    public static string SegmentationTests => Path.Combine(Root, "tests", "Workbench.Core.Tests", "Segmentation");

    public static string Seed(string fileName) => Path.Combine(Seeds, fileName);

    public static string Gold(string seedFileName) => Path.Combine(SegmentationTests, "Gold", seedFileName + ".json");

    public static string Fixture(string fileName) => Path.Combine(SegmentationTests, "Fixtures", fileName);

    /// <summary>Small files in the shapes real OCR engines write (made by Tesseract from images rendered for the purpose, or by hand).</summary>
    public static string PageFixture(string fileName) => Path.Combine(Root, "tests", "Workbench.Core.Tests", "Pages", "Fixtures", fileName);
}
