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

        // A request's line is logged once its answer is written, so the client can read the answer first.
        (await captured.WaitForAsync(e => e.Category == MockLogging.RequestsCategory
            && e.Message.StartsWith($"GET {ApiClient.Collection}/UNKNOWN -> 404 ", StringComparison.Ordinal))).ShouldBeTrue();
        var requests = captured.Entries.Where(e => e.Category == MockLogging.RequestsCategory).ToList();
        requests.ShouldContain(e => e.Level == LogLevel.Debug && e.Message.StartsWith($"GET {ApiClient.Collection} -> 200 ", StringComparison.Ordinal));
        var encoded = ApiClient.BasicFor("logged-user", password).Substring("Basic ".Length);
        captured.Entries.ShouldAllBe(e => !e.Message.Contains(password) && !e.Message.Contains(encoded));
        requests.ShouldAllBe(e => e.Message.Contains("Basic #"), "the credential appears masked (scheme and fingerprint)");
    }

    private sealed record Entry(string Category, LogLevel Level, string Message);

    private sealed class CapturingProvider : ILoggerProvider
    {
        private readonly SemaphoreSlim _logged = new(0);

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

        /// <summary>Whether an entry matching <paramref name="match"/> is logged within 10 s (woken by each entry, never polling).</summary>
        public async Task<bool> WaitForAsync(Func<Entry, bool> match)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                while (!Entries.Any(match)) await _logged.WaitAsync(deadline.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Dispose() { } // the semaphore holds no wait handle; a late line must not find it disposed

        private sealed class Logger(string category, CapturingProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                provider.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
                provider._logged.Release();
            }
        }
    }
}
