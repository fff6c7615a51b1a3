using System.CommandLine;
using SloScaler.Operator.Cli;

namespace SloScaler.Operator.Tests.Hosting;

public sealed class RunCommandTests
{
    [Fact]
    public void Invoke_BadFlags_ExitsTwoAndNamesEachFlagOnStderr()
    {
        var (code, output, error) = Invoke("run", "--probe-port", "http", "--log-format", "xml", "--once");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("--probe-port: \"http\" is not a port number", error, StringComparison.Ordinal);
        Assert.Contains("--log-format: \"xml\" must be text or json", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_MissingKubeconfig_ExitsTwoNamingIt()
    {
        var (code, _, error) = Invoke("run", "--once", "--dry-run", "--kubeconfig", "/no/such/kubeconfig");

        Assert.Equal(2, code);
        Assert.Equal("--kubeconfig: \"/no/such/kubeconfig\" does not exist", error.Trim());
    }

    [Fact]
    public void Invoke_RepeatedFlags_AreAllTaken()
    {
        var (code, _, error) = Invoke("run", "--once", "--namespace", "a", "--namespace", "B_", "--prometheus-header", "x", "--prometheus-header", "Y=1");

        Assert.Equal(2, code);
        Assert.Contains("--namespace: \"B_\"", error, StringComparison.Ordinal);
        Assert.Contains("--prometheus-header: \"x\" must be NAME=VALUE", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\"a\"", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { RunCommand.Create() };
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
