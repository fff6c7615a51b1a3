using SloScaler.DemoService;

namespace SloScaler.Load.Tests.Support;

/// <summary>The demo service in-process on 127.0.0.1 and a free port.</summary>
public static class DemoServer
{
    public static Task<LoopbackApp> StartAsync(params string[] settings) =>
        LoopbackApp.StartAsync(DemoApp.Create(["--urls", "http://127.0.0.1:0", .. settings]));
}
