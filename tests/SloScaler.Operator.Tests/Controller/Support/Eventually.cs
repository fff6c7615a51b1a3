namespace SloScaler.Operator.Tests.Controller.Support;

/// <summary>Waits (real time, bounded) for something the controller does on another thread.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static async Task True(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(5);
        }
    }

    /// <summary>Gives background work a moment, then checks that something still holds (for "nothing more happens").</summary>
    public static async Task Still(Func<bool> condition, string what)
    {
        await Task.Delay(100);
        Assert.True(condition(), what);
    }
}
