using SloScaler.Operator.Cli;

namespace SloScaler.Operator.Tests.Cli;

public sealed class ValidateCommandTests
{
    [Fact]
    public void Run_BadPolicy_PrintsFileFieldMessageAndFails()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sloscaler-validate-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "apiVersion: sloscaler.io/v1alpha1\nkind: ScalingPolicy\nmetadata: {name: bad}\nspec:\n  minReplicas: 3\n  maxReplicas: 2\n");
        try
        {
            var output = new StringWriter();
            var code = ValidateCommand.Run([new FileInfo(file)], output);
            Assert.Equal(1, code);
            Assert.Contains($"{file}: spec.maxReplicas: 2 is less than spec.minReplicas (3)", output.ToString(), StringComparison.Ordinal);
            Assert.Contains($"{file}: spec.targetRef: is required", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Run_MissingFile_Fails()
    {
        var output = new StringWriter();
        Assert.Equal(1, ValidateCommand.Run([new FileInfo("does-not-exist.yaml")], output));
        Assert.Contains("does-not-exist.yaml: file: does not exist", output.ToString(), StringComparison.Ordinal);
    }
}
