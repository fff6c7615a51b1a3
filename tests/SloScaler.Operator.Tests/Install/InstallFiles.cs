using SloScaler.Operator.Tests.Fixtures;

namespace SloScaler.Operator.Tests.Install;

/// <summary>Where the install artefacts live in the repository.</summary>
internal static class InstallFiles
{
    public static string Root => Repo.Root();

    public static string Config => Path.Combine(Root, "config");

    public static string Chart => Path.Combine(Root, "charts", "sloscaler");

    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

    public static string ConfigCrd => Path.Combine(Config, "crd");

    public static string ChartCrds => Path.Combine(Chart, "crds");

    /// <summary>The operator's namespace in <c>config/</c>.</summary>
    public const string ConfigNamespace = "sloscaler-system";

    /// <summary>The operator's ServiceAccount in <c>config/</c>.</summary>
    public const string ConfigServiceAccount = "sloscaler";

    /// <summary>Every YAML document of the <c>*.yaml</c> files in <paramref name="folder"/> (recursively).</summary>
    public static IReadOnlyList<Manifest> Load(string folder) =>
        Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => Manifest.Parse(File.ReadAllText(file), Path.GetRelativePath(Root, file)))
            .ToList();
}
