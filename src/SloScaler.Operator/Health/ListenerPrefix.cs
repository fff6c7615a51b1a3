using System.Globalization;
using System.Net;

namespace SloScaler.Operator.Health;

/// <summary>
/// The <see cref="HttpListener"/> host for a bind address: the wildcard <c>+</c> for "any"
/// (<c>0.0.0.0</c>, <c>::</c>), since HttpListener matches prefixes against the request's Host
/// header and a literal <c>0.0.0.0</c> would match no request; IPv6 literals in brackets.
/// </summary>
public static class ListenerPrefix
{
    public static string Host(string bindAddress)
    {
        if (bindAddress is "0.0.0.0" or "::" or "[::]" or "*" or "+") return "+";
        return IPAddress.TryParse(bindAddress, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{ip}]"
            : bindAddress;
    }

    public static string For(string bindAddress, int port, string path = "/") =>
        string.Create(CultureInfo.InvariantCulture, $"http://{Host(bindAddress)}:{port}{path}");
}
