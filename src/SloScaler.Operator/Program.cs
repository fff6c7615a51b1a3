namespace SloScaler.Operator;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("sloscaler");
        return args.Length == 0 ? 0 : 0;
    }
}
