namespace SloScaler.Load.Tests.Support;

/// <summary>Tests that start servers on 127.0.0.1 and time them run one at a time, so they do not load each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveServers
{
    public const string Name = "servers on 127.0.0.1";
}
