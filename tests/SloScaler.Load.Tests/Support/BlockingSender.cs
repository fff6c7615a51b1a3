using Microsoft.Extensions.Time.Testing;
using SloScaler.Load.Running;

namespace SloScaler.Load.Tests.Support;

/// <summary>A sender that blocks its caller for <c>each</c> of fake time per request, as a closed-loop client on one connection would.</summary>
public sealed class BlockingSender(FakeTimeProvider time, TimeSpan each) : IRequestSender
{
    public int Calls { get; private set; }

    public Task<bool> SendAsync(CancellationToken cancellationToken)
    {
        Calls++;
        time.Advance(each);
        return Task.FromResult(true);
    }
}
