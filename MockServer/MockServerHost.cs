using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Frontend;
using TwoFactorContracts.MockServer.Hosting;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.State.Redis;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace TwoFactorContracts.MockServer;

/// <summary>Durations since <see cref="MockServerHost.StartAsync"/> was called.</summary>
public readonly record struct StartupTimes(TimeSpan WireMockListening, TimeSpan ContractRead, TimeSpan Ready);

/// <summary>
/// A running mock server: WireMock.Net hosts it, our gateway middleware answers the API in front of it.
/// Start with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class MockServerHost : IAsyncDisposable
{
    private readonly MockServerOptions _options;
    private readonly Task<MockParts> _parts;
    private readonly RequestJournal _journal;
    private readonly StubTracker _stubs;
    private readonly object _resetLock = new();

    private MockServerHost(MockServerOptions options, WireMockServer server, Task<MockParts> parts, RequestJournal journal, StubTracker stubs)
    {
        _options = options;
        WireMock = server;
        _parts = parts;
        _journal = journal;
        _stubs = stubs;
        // WireMock reports "localhost"; print the address actually bound, with the port it chose for port 0.
        var address = options.Host.Contains(':') ? $"[{options.Host}]" : options.Host;
        Url = $"http://{address}:{server.Port}";
        BaseUrl = new Uri(Url);
    }

    public Uri BaseUrl { get; }

    /// <summary>How long the start took (WireMock listening, contract read, all ready); printed with --verbose.</summary>
    public StartupTimes StartupTimes { get; private set; }

    public string Url { get; }

    public WireMockServer WireMock { get; }

    /// <summary>Whether WireMock.Net weighs only the mappings whose path can match (<see cref="IndexedMappingMatcher"/>).</summary>
    internal bool MappingMatcherIndexed { get; private init; }

    public MockServerOptions Options => _options;

    /// <summary>The journal of API requests (also at GET /__admin/mock/journal).</summary>
    public RequestJournal Journal => _journal;

    /// <summary>Whether user stubs exist (then requests go through WireMock's mappings).</summary>
    public bool UserStubsPresent => _stubs.UserStubsPresent;

    /// <summary>How many of the contract's case stubs this mode loads (all cases in examples mode, the Prefer ones in stateful mode).</summary>
    public int CaseStubCount => _parts.Result.CaseStubs.Count;

    public static async Task<MockServerHost> StartAsync(MockServerOptions options, CancellationToken ct = default)
    {
        options.Validate();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // A forbidden credential is a known one: with --credential it gets 403, not 401.
        var credentials = new CredentialCheck(options.AcceptedCredentials is null ? null : [.. options.AcceptedCredentials, .. options.ForbiddenCredentials ?? []]);
        // A shared store is reached before anything listens: unreachable, the start fails (or waits, --store-wait).
        var redis = options.RedisStore is { } location
            ? await RedisApplicationStore.ConnectAsync(location, options.StoreTimeoutMs, options.StoreWait, options.Verbosity == Verbosity.Quiet ? null : Console.Out, ct).ConfigureAwait(false)
            : null;
        // Reading the contract is the slow part of startup: it runs while WireMock starts listening.
        TimeSpan contractReady = default;
        var parts = Task.Run(() =>
        {
            try
            {
                var built = PipelineFactory.Build(options, credentials, redis);
                contractReady = clock.Elapsed;
                return built;
            }
            catch
            {
                redis?.Dispose();
                throw;
            }
        }, ct);
        var journal = new RequestJournal(options.AdminEnabled ? options.JournalSize : 0);
        var stubs = new StubTracker();
        var gateway = new ApiGateway(parts, new AdminEndpoints(journal, options, () => stubs), journal, options, stubs, credentials);

        var host = options.Host.Contains(':') ? $"[{options.Host}]" : options.Host;
        var matcherIndexed = false;
        var settings = new WireMockServerSettings
        {
            Urls = [$"http://{host}:{options.Port}"],
            StartAdminInterface = options.AdminEnabled,
            AdminUsername = options.AdminUser,
            AdminPassword = options.AdminPassword,
            ReadStaticMappings = false,
            MaxRequestLogCount = 0, // WireMock's journal copies and sorts on every request; ours is a ring buffer
            Logger = options.Verbosity == Verbosity.Verbose ? new VerboseWireMockLogger(Console.Out) : new WireMockNullLogger(),
            // WireMock lifts Kestrel's response buffer limit; put it back so a large list is sent with backpressure.
            AdditionalServiceRegistration = services =>
            {
                services.PostConfigure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxResponseBufferSize = HttpExchange.WriteSliceBytes);
                // WireMock.Net weighs every mapping on every request; this matcher only those whose path can match.
                matcherIndexed = IndexedMappingMatcher.Register(services);
            },
            PreWireMockMiddlewareInit = app => FrontendEndpoints.Use((IApplicationBuilder)app, FrontendOptions.From(options)).Use(next => context => gateway.InvokeAsync(context, next)),
        };

        WireMockServer server;
        try
        {
            server = WireMockServer.Start(settings);
        }
        catch (Exception e)
        {
            stubs.SetFailed(e);
            await parts.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            if (parts.IsCompletedSuccessfully) await parts.Result.Store.DisposeAsync().ConfigureAwait(false); // e.g. Redis's connection
            throw;
        }

        var wireMockReady = clock.Elapsed;
        if (!matcherIndexed && options.Verbosity != Verbosity.Quiet)
            Console.Error.WriteLine("warning: this WireMock.Net version's matcher could not be indexed; every mapping is weighed on every request (slower)");
        var mockHost = new MockServerHost(options, server, parts, journal, stubs) { MappingMatcherIndexed = matcherIndexed };
        stubs.Attach(mockHost);
        try
        {
            await parts.WaitAsync(ct).ConfigureAwait(false);
            mockHost.LoadMappings();
            mockHost.StartupTimes = new StartupTimes(wireMockReady, contractReady, clock.Elapsed);
            stubs.SetReady();
        }
        catch (Exception e)
        {
            stubs.SetFailed(e);
            await mockHost.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return mockHost;
    }

    /// <summary>Back to the start: state to the seed, journal cleared, user stubs removed (the --mappings folder reloaded).</summary>
    public void Reset()
    {
        lock (_resetLock)
        {
            // First the state: a shared store may be unreachable (StoreUnavailableException), and then nothing changes.
            ResetState();
            _stubs.UserStubsPresent = false; // answer directly while WireMock's mappings are rebuilt
            WireMock.ResetMappings();
            LoadMappings();
        }
    }

    private void ResetState()
    {
        _parts.Result.Store.Reset();
        _parts.Result.Throttle?.Reset();
        _journal.Clear();
    }

    /// <summary>Adds our catch-all mapping, the contract's case stubs and the --mappings folder, then recomputes whether user stubs exist.</summary>
    private void LoadMappings()
    {
        if (!CatchAllMapping.IsPresent(WireMock)) CatchAllMapping.Add(WireMock, _parts, _journal, _options);
        AddCaseStubs();
        if (_options.MappingsFolder is not null) WireMock.ReadStaticMappings(_options.MappingsFolder);
        _stubs.Recompute();
    }

    /// <summary>Where the applications live (a Redis location without its password).</summary>
    public string StoreDescription => _parts.Result.Store.Description;

    /// <summary>Null while the state store answers; otherwise why not (/__admin/health says unhealthy).</summary>
    public string? StoreProblem => _parts.IsCompletedSuccessfully ? _parts.Result.Store.Problem : null;

    /// <summary>The contract's stubs (Examples/CaseMappings), ordinary WireMock mappings: listed, editable, deletable.</summary>
    private void AddCaseStubs()
    {
        var stubs = _parts.Result.CaseStubs;
        if (stubs.Count > 0) WireMock.WithMapping([.. stubs]);
    }

    public async ValueTask DisposeAsync()
    {
        WireMock.Stop();
        WireMock.Dispose();
        if (_parts.IsCompletedSuccessfully) await _parts.Result.Store.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A cheap volatile flag, recomputed only after admin requests that may change mappings.</summary>
    private sealed class StubTracker : IMockControl
    {
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _present;
        private MockServerHost? _host;

        public Task Ready => _ready.Task;

        public void SetReady() => _ready.TrySetResult();

        public void SetFailed(Exception e) => _ready.TrySetException(e);

        public bool UserStubsPresent { get => _present; set => _present = value; }

        public void Attach(MockServerHost host) => _host = host;

        public void Reset() => _host?.Reset();

        public string? StoreProblem => _host?.StoreProblem;

        public void AfterAdminChange(string path)
        {
            var host = _host;
            if (host is null) return;
            lock (host._resetLock)
            {
                // WireMock's reset removed every mapping: our state follows it back to the seed.
                if (path.Equals(AdminEndpoints.WireMockMappingsResetPath, StringComparison.OrdinalIgnoreCase))
                {
                    try
                    {
                        host.ResetState();
                    }
                    catch (StoreUnavailableException e)
                    {
                        // WireMock has answered already: the state stays as it was, and the log says why.
                        Console.Error.WriteLine($"error: state not reset: {e.Message}");
                    }
                    host.AddCaseStubs();
                    if (host._options.MappingsFolder is not null) host.WireMock.ReadStaticMappings(host._options.MappingsFolder);
                }
                if (!CatchAllMapping.IsPresent(host.WireMock)) CatchAllMapping.Add(host.WireMock, host._parts, host._journal, host._options);
                Recompute();
            }
        }

        public void Recompute()
        {
            var server = _host?.WireMock;
            if (server is null) return;
            var ours = _host!._parts.Result.CaseStubIds;
            _present = server.Mappings.Any(m => !m.IsAdminInterface && m.Guid != CatchAllMapping.Id && !ours.Contains(m.Guid));
        }
    }
}
