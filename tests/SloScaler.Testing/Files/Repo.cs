using System.Runtime.CompilerServices;

namespace SloScaler.Testing.Files;

/// <summary>Files of the repository (the folder holding Operator.sln), wherever the build output went.</summary>
public static class Repo
{
    public static string Root([CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) dir = dir.Parent;
            if (dir is not null) return dir.FullName;
        }
        throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A path below the repository root, e.g. <c>PathOf("config", "crd")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root(), .. parts]);
}
