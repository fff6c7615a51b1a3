using System.CommandLine;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Cli;

/// <summary><c>sloscaler validate FILE…</c>: checks policy YAML offline, printing every problem as <c>file: field: message</c>.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "ScalingPolicy YAML or JSON files (several documents per file are fine)" };
        var command = new Command("validate", "Check ScalingPolicy files offline; exit 1 when any has a problem") { files };
        command.SetAction(parse => Run(parse.GetValue(files) ?? [], Console.Out));
        return command;
    }

    public static int Run(IReadOnlyList<FileInfo> files, TextWriter output)
    {
        var problems = 0;
        var policies = 0;
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                output.WriteLine($"{file}: file: does not exist");
                problems++;
                continue;
            }
            foreach (var loaded in PolicyDocuments.Load(File.ReadAllText(file.FullName)))
            {
                policies++;
                foreach (var problem in loaded.Validation.Problems)
                {
                    output.WriteLine($"{file}: {problem}");
                    problems++;
                }
            }
        }
        output.WriteLine(problems == 0 ? $"{policies} policies valid" : $"{problems} problems in {policies} policies");
        return problems == 0 ? 0 : 1;
    }
}
