namespace SloScaler.Load.Running;

/// <summary>Sends one request; true when it succeeded. Must not block the caller before the request is on its way.</summary>
public interface IRequestSender
{
    Task<bool> SendAsync(CancellationToken cancellationToken);
}
