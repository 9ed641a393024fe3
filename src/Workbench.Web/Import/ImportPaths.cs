namespace Workbench.Web.Import;

/// <summary>
/// Whether a file a folder import is about to read really lies inside the folder. <see cref="Path.GetFullPath(string)"/>
/// only removes <c>..</c>; a symbolic link (the file itself, or a directory on its way) can still point anywhere on the
/// machine, so every link on the path is resolved first, as realpath(3) does.
/// </summary>
public static class ImportPaths
{
    private const int MaxLinks = 40;

    public static bool IsInside(string folder, string path)
    {
        try
        {
            var root = Resolve(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return Resolve(path).StartsWith(root, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false; // a link loop, or more links than any real layout needs
        }
    }

    /// <summary>The absolute path with every symbolic link on it resolved; parts that do not exist are kept as written.</summary>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        for (var links = 0; links <= MaxLinks; links++)
        {
            var root = Path.GetPathRoot(full)!;
            var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            string? relinked = null;
            for (var i = 0; i < parts.Length && relinked is null; i++)
            {
                var next = Path.Combine(current, parts[i]);
                if (new FileInfo(next).LinkTarget is { } target)
                {
                    relinked = Path.GetFullPath(Path.Combine(Path.IsPathRooted(target) ? target : Path.Combine(current, target), string.Join(Path.DirectorySeparatorChar, parts[(i + 1)..])));
                }

                current = next;
            }

            if (relinked is null)
            {
                return current;
            }

            full = relinked;
        }

        throw new IOException($"Too many symbolic links on {path}.");
    }
}
