using SloScaler.Operator.Cli;

namespace SloScaler.Operator;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = CommandLine.CreateRoot(SimulateCommand.Create(), ValidateCommand.Create(), RunCommand.Create(), CrdCommand.Create(), LoadCommand.Create(), CalibrateCommand.Create());
        return CommandLine.Invoke(root, args, Console.Out, Console.Error);
    }
}
