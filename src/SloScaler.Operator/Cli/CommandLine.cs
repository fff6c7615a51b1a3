using System.CommandLine;
using System.CommandLine.Help;

namespace SloScaler.Operator.Cli;

/// <summary>
/// The one exit-code and stream convention of every command: results on stdout; problems on stderr,
/// one line each; exit 0 on success, 1 for invalid content, 2 for bad usage (an unknown command or
/// option, a bad value, an unusable path), 3 for an internal error (a bug: the line says so and how
/// to report it), 130 when cancelled. Never a stack trace unless <c>SLOSCALER_DEBUG=1</c> asks for it.
/// </summary>
internal static partial class CommandLine
{
    public const int Invalid = 1;
    public const int Usage = 2;
    public const int InternalError = 3;

    public static RootCommand CreateRoot(params Command[] commands)
    {
        var root = new RootCommand("SloScaler: scale Kubernetes workloads to keep a tail-latency SLO, sized from the load that bounds them");
        foreach (var command in commands) root.Subcommands.Add(command);
        root.Subcommands.Add(HelpCommand(root));
        return root;
    }

    public static int Invoke(RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            if (args.Count == 0)
            {
                error.WriteLine("sloscaler: no command given; one of: " + string.Join(", ", root.Subcommands.Select(c => c.Name)));
                error.WriteLine("(run 'sloscaler --help' for usage)");
                return Usage;
            }
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
            {
                var name = string.Join(' ', parse.CommandResult.Command is RootCommand ? ["sloscaler"] : ["sloscaler", parse.CommandResult.Command.Name]);
                var messages = parse.Errors.Select(e => e.Message).Distinct().ToList();
                // "sloscaler bogus" is one problem (an unknown command), not also "no command given".
                if (messages.Count > 1) messages.RemoveAll(m => m.StartsWith("Required command was not provided", StringComparison.Ordinal));
                foreach (var message in messages) error.WriteLine($"{name}: {Finding.Printable(Plain(message))}");
                error.WriteLine($"(run '{name} --help' for usage)");
                return Usage;
            }
            return parse.Invoke(configuration);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            // System.CommandLine converts some values (an empty path to a FileInfo) only when the command reads them.
            error.WriteLine($"sloscaler: {Finding.Printable(Plain(e.Message))}");
            error.WriteLine("(run 'sloscaler --help' for usage)");
            return Usage;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("sloscaler: cancelled");
            return 130;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"sloscaler: internal error: {Finding.Printable(e.Message)}. This is a bug: please report it to the SloScaler project with the command line and its input (SLOSCALER_DEBUG=1 prints the stack trace)");
            if (Environment.GetEnvironmentVariable("SLOSCALER_DEBUG") == "1") error.WriteLine(e);
            return InternalError;
        }
    }

    /// <summary>System.CommandLine's messages with .NET type names put in words.</summary>
    internal static string Plain(string message) => TypeName().Replace(message, m => "as " + m.Groups[1].Value switch
    {
        "System.Int32" or "System.Int64" => "an integer",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        "System.IO.FileInfo" => "a file path",
        "System.IO.DirectoryInfo" => "a directory path",
        _ => "a value of the right kind",
    }).Replace("..", ".", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"as expected type '([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex TypeName();

    private static Command HelpCommand(RootCommand root)
    {
        var path = new Argument<string[]>("command") { Arity = ArgumentArity.ZeroOrMore, Description = "The command to show help for" };
        var help = new Command("help", "Show help for sloscaler or one of its commands") { path };
        help.SetAction(parse => Invoke(root, [.. parse.GetValue(path) ?? [], "--help"], parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return help;
    }
}
