using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace TwoFactorContracts.MockServer.Logging;

/// <summary>
/// The mock's log: Microsoft.Extensions.Logging to the console, one plain line per entry (the format users read
/// and scripts grep: "GET /path -> 200 (...)", "error: ..."). --quiet is Error, the default Information, --verbose
/// Debug (every request). Errors and warnings go to stderr.
/// </summary>
internal static class MockLogging
{
    /// <summary>The categories, so a host that brings its own logger factory can filter them.</summary>
    public const string RequestsCategory = "TwoFactorContracts.MockServer.Requests";
    public const string HostCategory = "TwoFactorContracts.MockServer";

    public static LogLevel Level(Verbosity verbosity) => verbosity switch
    {
        Verbosity.Quiet => LogLevel.Error,
        Verbosity.Verbose => LogLevel.Debug,
        _ => LogLevel.Information,
    };

    public static ILoggerFactory CreateConsole(Verbosity verbosity) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(Level(verbosity))
        .AddConsole(console =>
        {
            console.FormatterName = PlainFormatter.Name;
            console.LogToStandardErrorThreshold = LogLevel.Warning;
        })
        .AddConsoleFormatter<PlainFormatter, ConsoleFormatterOptions>());

    /// <summary>The message alone; warnings and errors say so first; an exception adds its message and stack.</summary>
    private sealed class PlainFormatter() : ConsoleFormatter(Name)
    {
        public new const string Name = "mock-plain";

        public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
        {
            var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
            var prefix = logEntry.LogLevel switch
            {
                >= LogLevel.Error => "error: ",
                LogLevel.Warning => "warning: ",
                _ => "",
            };
            textWriter.Write(prefix);
            textWriter.Write(message);
            if (logEntry.Exception is { } e) { textWriter.Write(": "); textWriter.Write(e.ToString()); }
            textWriter.Write('\n');
        }
    }
}

/// <summary>A TextWriter for code that reports on one (the Redis connection's "Waiting for the store ..."): each line an information entry.</summary>
internal sealed class LogLineWriter(ILogger logger) : TextWriter
{
    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void WriteLine(string? value) => logger.LogInformation("{Line}", value);

    public override void Write(char value) => throw new NotSupportedException("Only whole lines are logged.");
}
