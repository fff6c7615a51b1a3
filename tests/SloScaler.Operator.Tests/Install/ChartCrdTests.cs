namespace SloScaler.Operator.Tests.Install;

/// <summary>The chart ships the generated CRD (config/crd) as a copy in its crds/ folder; the two must not drift.</summary>
public sealed class ChartCrdTests
{
    [Fact]
    public void ChartCrds_AreExactCopiesOfConfigCrd()
    {
        static IReadOnlyList<string> Names(string folder) =>
            Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
                : [];

        var generated = Names(InstallFiles.ConfigCrd);
        Assert.True(generated.Count > 0, "config/crd holds no CRD: run `sloscaler crd > config/crd/sloscaler.io_scalingpolicies.yaml`");
        Assert.Equal(generated, Names(InstallFiles.ChartCrds));
        foreach (var name in generated)
        {
            var source = File.ReadAllText(Path.Combine(InstallFiles.ConfigCrd, name)).ReplaceLineEndings("\n");
            var copy = File.ReadAllText(Path.Combine(InstallFiles.ChartCrds, name)).ReplaceLineEndings("\n");
            Assert.True(source == copy,
                $"charts/sloscaler/crds/{name} differs from config/crd/{name}; refresh the chart's copy: cp config/crd/*.yaml charts/sloscaler/crds/");
        }
    }
}
