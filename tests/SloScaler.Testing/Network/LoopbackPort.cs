using System.Net;
using System.Net.Sockets;

namespace SloScaler.Testing.Network;

/// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it), and a way to see that nothing listens there any more.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static bool Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
