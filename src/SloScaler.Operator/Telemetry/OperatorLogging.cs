using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog;
using SloScaler.Operator.Hosting;

namespace SloScaler.Operator.Telemetry;

/// <summary>Serilog to the console: text for people, compact JSON (CLEF) for log pipelines.</summary>
public static class OperatorLogging
{
    private const string TextTemplate = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <param name="format">Text or compact JSON.</param>
    /// <param name="level">The least level written.</param>
    /// <param name="toStandardError">Every line to stderr (for <c>--once</c>, whose table is stdout).</param>
    public static Serilog.Core.Logger Create(LogFormat format, LogEventLevel level, bool toStandardError)
    {
        LogEventLevel? stderrFrom = toStandardError ? LogEventLevel.Verbose : null;
        var framework = level > LogEventLevel.Warning ? level : LogEventLevel.Warning;
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", framework)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", level > LogEventLevel.Information ? level : LogEventLevel.Information)
            .MinimumLevel.Override("System", framework)
            .Enrich.FromLogContext();
        config = format == LogFormat.Json
            ? config.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: stderrFrom)
            : config.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: stderrFrom, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        return config.CreateLogger();
    }
}
