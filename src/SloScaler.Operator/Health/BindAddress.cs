using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SloScaler.Operator.Health;

/// <summary>
/// What a <c>--probe-bind-address</c> or <c>--metrics-bind-address</c> means to Kestrel:
/// <c>0.0.0.0</c> and <c>::</c> listen on every interface of both families (as the flags have
/// always meant), <c>localhost</c> on both loopbacks, any other address on itself.
/// </summary>
public static class BindAddress
{
    public static void Listen(KestrelServerOptions kestrel, string bindAddress, int port)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        if (IsAny(bindAddress)) kestrel.ListenAnyIP(port);
        else if (bindAddress == "localhost") kestrel.ListenLocalhost(port);
        else kestrel.Listen(IPAddress.Parse(bindAddress.Trim('[', ']')), port);
    }

    /// <summary>The address as a URL, for the log (<c>http://[::1]:8081/healthz</c>).</summary>
    public static string Url(string bindAddress, int port, string path = "/")
    {
        var host = IPAddress.TryParse(bindAddress.Trim('[', ']'), out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{ip}]"
            : bindAddress;
        return string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}{path}");
    }

    private static bool IsAny(string bindAddress) => bindAddress is "0.0.0.0" or "::" or "[::]" or "*" or "+";
}
