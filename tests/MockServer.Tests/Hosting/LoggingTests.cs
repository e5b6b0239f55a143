using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Logging;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.Stubbing;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Hosting;

/// <summary>The mock logs through Microsoft.Extensions.Logging: a host's own logger factory gets the request lines, credentials masked.</summary>
public sealed class LoggingTests
{
    [Theory]
    [InlineData(Verbosity.Quiet, LogLevel.Error)]
    [InlineData(Verbosity.Normal, LogLevel.Information)]
    [InlineData(Verbosity.Verbose, LogLevel.Debug)]
    public void Quiet_and_verbose_are_log_levels(Verbosity verbosity, LogLevel level) =>
        MockLogging.Level(verbosity).ShouldBe(level);

    [Fact]
    public async Task A_host_given_a_logger_factory_logs_each_request_there_with_the_credential_masked()
    {
        var captured = new CapturingProvider();
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(captured));
        await using var mock = await TwoFactorMock.StartAsync(new MockServerOptions { Port = 0, Logging = logging });
        var password = $"pw-{Guid.NewGuid():N}";
        var client = new ApiClient(ApiClient.NewHttp(mock.Host.BaseUrl), ApiClient.BasicFor("logged-user", password));

        (await client.GetAsync()).EnsureSuccessStatusCode();
        (await client.GetAsync($"{ApiClient.Collection}/UNKNOWN")).IsSuccessStatusCode.ShouldBeFalse();

        var requests = captured.Entries.Where(e => e.Category == MockLogging.RequestsCategory).ToList();
        requests.ShouldContain(e => e.Level == LogLevel.Debug && e.Message.StartsWith($"GET {ApiClient.Collection} -> 200 ", StringComparison.Ordinal));
        requests.ShouldContain(e => e.Message.StartsWith($"GET {ApiClient.Collection}/UNKNOWN -> 404 ", StringComparison.Ordinal));
        var encoded = ApiClient.BasicFor("logged-user", password).Substring("Basic ".Length);
        captured.Entries.ShouldAllBe(e => !e.Message.Contains(password) && !e.Message.Contains(encoded));
        requests.ShouldAllBe(e => e.Message.Contains("Basic #"), "the credential appears masked (scheme and fingerprint)");
    }

    private sealed record Entry(string Category, LogLevel Level, string Message);

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
        }
    }
}
