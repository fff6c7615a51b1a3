using System.Net;
using System.Net.Sockets;

namespace SloScaler.Load.Targets;

/// <summary>
/// The project's traffic rule: load goes to 127.0.0.1 (any loopback address, or <c>localhost</c>),
/// or, only when explicitly allowed, to a private pod/bridge address (10/8, 172.16/12,
/// 192.168/16, fc00::/7) that a run created. Host names other than localhost are refused (no DNS).
/// </summary>
public static class TargetGuard
{
    /// <summary>Null when <paramref name="target"/> may receive load, else why not.</summary>
    public static string? Check(Uri target, bool allowPodAddress)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return $"the target \"{target}\" must be an absolute http:// or https:// URL";
        }

        if (string.Equals(target.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!IPAddress.TryParse(target.DnsSafeHost, out var address))
        {
            return $"the target host \"{target.Host}\" is not an IP address; load goes only to loopback or, with the pod-address flag, to a private pod address";
        }

        if (IPAddress.IsLoopback(address))
        {
            return null;
        }

        if (!IsPrivate(address))
        {
            return $"the target {address} is neither loopback nor a private pod/bridge address; refused";
        }

        return allowPodAddress
            ? null
            : $"the target {address} is not a loopback address; pass the pod-address flag if it is a pod this run created";
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168),
            AddressFamily.InterNetworkV6 => (b[0] & 0xFE) == 0xFC,
            _ => false,
        };
    }
}
