using System.CommandLine;
using System.Text.Json;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Cli;

/// <summary>What <c>validate</c> is asked to do besides reading its inputs.</summary>
internal sealed record ValidateOptions(bool StrictKinds = false, bool Json = false)
{
    public YamlLimits Limits { get; init; } = YamlLimits.Default;
}

/// <summary>
/// <c>sloscaler validate PATH…</c>: checks ScalingPolicy files offline, as the API server and the
/// operator would, bounded on any input. Each problem is one line on stderr,
/// <c>FILE[:doc N][:LINE]: field: message</c>; a summary goes to stdout (or one JSON document with
/// <c>--output json</c>). Exit 0 when every policy is valid, 1 when any content is invalid, 2 when a
/// path is unusable.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Files, directories (searched recursively for *.yaml, *.yml, *.json) or - for stdin; several documents per file are fine",
        };
        var strictKinds = new Option<bool>("--strict-kinds") { Description = "Refuse documents of other kinds instead of skipping and counting them" };
        var output = new Option<string>("--output", "-o") { Description = "text (one line per problem on stderr) or json (one document on stdout)", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json");
        var limits = YamlLimits.Default;
        var command = new Command("validate", $"Check ScalingPolicy files offline; exit 1 when any has a problem. Inputs are capped at {Units.Bytes(limits.MaxBytes)} each, {limits.MaxDepth} levels of nesting and {limits.MaxAliasNodes} nodes copied by YAML aliases per document")
        {
            paths, strictKinds, output,
        };
        command.SetAction(parse => Run(
            parse.GetValue(paths) ?? [],
            new ValidateOptions(parse.GetValue(strictKinds), parse.GetValue(output) == "json"),
            Console.OpenStandardInput,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, ValidateOptions options, Func<Stream> stdin, TextWriter output, TextWriter error)
    {
        var report = new ValidateReport();
        foreach (var input in PolicyInputs.Expand(paths, stdin, options.Limits))
        {
            report.Files++;
            if (input.Text is null)
            {
                report.Add(new Finding(input.Name, null, input.Line, "file", input.Problem ?? "cannot be read"), input.UsageProblem);
                continue;
            }
            Check(input, options, report);
        }
        if (options.Json) report.WriteJson(output);
        else
        {
            foreach (var finding in report.Findings) error.WriteLine(finding);
            output.WriteLine(report.Summary());
        }
        return report.ExitCode;
    }

    private static void Check(PolicyInput input, ValidateOptions options, ValidateReport report)
    {
        var name = input.Name;
        var file = PolicyDocuments.ReadFile(input.Text!, options.Limits, untypedAreOthers: input.FromDirectory);
        int? Doc(int index) => file.Documents > 1 ? index + 1 : null;
        foreach (var policy in file.Policies)
        {
            report.Policies++;
            if (policy.Validation.Problems.Count == 0) report.ValidPolicies++;
            foreach (var problem in policy.Validation.Problems)
                report.Add(new Finding(name, Doc(policy.Document), problem.Line, problem.Field, problem.Message), usage: false);
        }
        foreach (var other in file.Others)
        {
            report.Skipped.Add(new SkippedDocument(name, Doc(other.Document), other.Line, other.ApiVersion, other.Kind, other.Name));
            if (options.StrictKinds)
            {
                var apiVersion = other.ApiVersion.Length == 0 ? "" : $" ({other.ApiVersion})";
                var what = other.Kind.StartsWith('(') ? "is missing: the document is not a Kubernetes object" : $"{other.Kind}{apiVersion} is not a {ScalingPolicy.KindValue}";
                report.Add(new Finding(name, Doc(other.Document), other.Line, "kind", $"{what} (--strict-kinds refuses other kinds)"), usage: false);
            }
        }
    }
}
