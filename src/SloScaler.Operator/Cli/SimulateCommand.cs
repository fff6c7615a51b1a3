using System.CommandLine;

namespace SloScaler.Operator.Cli;

internal static class SimulateCommand
{
    public static Command Create()
    {
        var command = new Command("simulate", "Compare elastic, HPA, manual and oracle scaling on built-in or real traces (no cluster needed)");
        command.SetAction(_ => 0);
        return command;
    }
}
