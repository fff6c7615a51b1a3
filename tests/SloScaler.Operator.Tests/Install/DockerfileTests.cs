using System.Text.RegularExpressions;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// The Dockerfile, read as text (no container engine runs here): a multi-stage build with the SDK,
/// a small shell-less non-root runtime image, and the lint of <c>hack/dockerfile-lint.sh</c>.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<string> Lines = Instructions(File.ReadAllText(InstallFiles.Dockerfile));

    [Fact]
    public void Build_IsMultiStage_SdkToBuild_ChiseledRuntimeToRun()
    {
        var froms = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.True(froms.Count >= 2, $"not multi-stage: {string.Join(" | ", froms)}");
        Assert.Matches(@"^FROM \S*dotnet/sdk:\d+\.\d+\S* AS build$", froms[0]);
        Assert.Matches(@"^FROM \S*dotnet/(runtime|runtime-deps|aspnet):\d+\.\d+\S*-(chiseled|distroless)\S* AS runtime$", froms[^1]);
        Assert.Contains(FinalStage(), l => l.StartsWith("COPY --from=build ", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_RunsAsNumericNonRootUser_NeedsNoShell_HasNoHealthcheck()
    {
        var final = FinalStage();
        var user = Assert.Single(final, l => l.StartsWith("USER ", StringComparison.Ordinal));
        var match = NumericUser().Match(user);
        Assert.True(match.Success, $"USER must be numeric (runAsNonRoot can only verify a UID): {user}");
        Assert.NotEqual("0", match.Groups["uid"].Value);
        // the chiseled image has no shell: nothing may RUN there, and the entrypoint is exec form
        Assert.DoesNotContain(final, l => l.StartsWith("RUN ", StringComparison.Ordinal));
        var entrypoint = Assert.Single(final, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        Assert.Matches(@"^ENTRYPOINT \[""dotnet"", ""[^""]+\.dll""\]$", entrypoint);
        Assert.Contains(final, l => l == @"CMD [""run""]");
        Assert.DoesNotContain(Lines, l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal)); // Kubernetes probes do that
    }

    [Fact]
    public void Version_IsABuildArg_StampedIntoTheAssemblyAndTheLabels()
    {
        Assert.Contains(Lines.TakeWhile(l => !l.StartsWith("FROM ", StringComparison.Ordinal)), l => l.StartsWith("ARG VERSION", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal) && l.Contains("-p:Version=${VERSION}", StringComparison.Ordinal));
        Assert.Contains(FinalStage(), l => l.StartsWith("LABEL ", StringComparison.Ordinal) && l.Contains("org.opencontainers.image.version=\"${VERSION}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void BuildStage_CopiesFilesThatExist_AndPublishesTheOperator()
    {
        var copies = Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
            foreach (var source in parts.Take(parts.Count - 1))
                Assert.True(File.Exists(Path.Combine(InstallFiles.Root, source)) || Directory.Exists(Path.Combine(InstallFiles.Root, source)),
                    $"{copy}: {source} does not exist in the repository");
        }
        Assert.Contains(Lines, l => l.StartsWith("RUN dotnet publish src/SloScaler.Operator/SloScaler.Operator.csproj", StringComparison.Ordinal));
        // the build context leaves out local build output
        var ignore = File.ReadAllLines(Path.Combine(InstallFiles.Root, ".dockerignore"));
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
        Assert.Contains("artifacts/", ignore);
    }

    [DockerfilelintFact]
    public async Task Dockerfilelint_FindsNoIssue()
    {
        var result = await Tool.RunAsync("bash", [Path.Combine(InstallFiles.Root, "hack", "dockerfile-lint.sh")], TimeSpan.FromMinutes(5));
        result.EnsureOk();
        Assert.Contains("Issues: None found", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The instructions, with line continuations joined and comments dropped.</summary>
    private static List<string> Instructions(string text)
    {
        var joined = Regex.Replace(text.ReplaceLineEndings("\n"), @"\\\n\s*", " ");
        return joined.Split('\n')
            .Select(l => MultipleSpaces().Replace(l.Trim(), " "))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
    }

    private static List<string> FinalStage()
    {
        var last = Lines.Select((l, i) => (l, i)).Last(x => x.l.StartsWith("FROM ", StringComparison.Ordinal)).i;
        return Lines.Skip(last).ToList();
    }

    [GeneratedRegex(@"^USER (?<uid>\d+)(:\d+)?$")]
    private static partial Regex NumericUser();

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultipleSpaces();
}

/// <summary>A fact that runs dockerfilelint (installed from npm by hack/dockerfile-lint.sh on first use); skipped without npm.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerfilelintFactAttribute : FactAttribute
{
    public DockerfilelintFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SLOSCALER_DOCKERFILELINT") is not { Length: > 0 } && Tool.OnPath("npm") is null)
            Skip = "no dockerfilelint: npm is not installed (apt-get install npm) and SLOSCALER_DOCKERFILELINT is not set";
    }
}
