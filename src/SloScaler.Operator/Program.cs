using System.CommandLine;
using SloScaler.Operator.Cli;

namespace SloScaler.Operator;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("SloScaler: scale Kubernetes workloads to keep a tail-latency SLO, sized from the load that bounds them")
        {
            SimulateCommand.Create(),
            ValidateCommand.Create(),
            RunCommand.Create(),
            CrdCommand.Create(),
            LoadCommand.Create(),
            CalibrateCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
