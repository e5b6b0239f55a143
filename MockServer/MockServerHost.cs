using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using TwoFactorContracts.MockServer.Admin;
using TwoFactorContracts.MockServer.Composition;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Edge;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Frontend;
using TwoFactorContracts.MockServer.Http;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.Logging;
using TwoFactorContracts.MockServer.State.Redis;
using TwoFactorContracts.MockServer.Stubbing;
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
    private readonly MockControl _control;
    private readonly ILoggerFactory? _ownLogging;

    private MockServerHost(MockServerOptions options, WireMockServer server, Task<MockParts> parts, RequestJournal journal, MockControl control, ILoggerFactory? ownLogging)
    {
        _options = options;
        WireMock = server;
        _parts = parts;
        _journal = journal;
        _control = control;
        _ownLogging = ownLogging;
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

    /// <summary>The mock's own admin URLs, the table the gateway dispatches them by.</summary>
    internal AdminRoutes AdminRoutes { get; private init; } = null!;

    public MockServerOptions Options => _options;

    /// <summary>The PIN engine: its clock, outbox and fixed PINs (also at /__admin/mock/clock, outbox, fixed-pins).</summary>
    public PinFlow Flow => _parts.Result.Flow;

    /// <summary>The journal of API requests (also at GET /__admin/mock/journal).</summary>
    public RequestJournal Journal => _journal;

    /// <summary>Whether user stubs exist (then requests go through WireMock's mappings).</summary>
    public bool UserStubsPresent => _control.UserStubsPresent;

    /// <summary>How many of the contract's case stubs this mode loads (all cases in examples mode, the Prefer ones in stateful mode).</summary>
    public int CaseStubCount => _parts.Result.CaseStubs.Count;

    public static async Task<MockServerHost> StartAsync(MockServerOptions options, CancellationToken ct = default)
    {
        options.Validate();
        // The command's console log unless the caller brings its own (e.g. a test host's).
        var ownLogging = options.Logging is null ? MockLogging.CreateConsole(options.Verbosity) : null;
        var logging = options.Logging ?? ownLogging!;
        var log = logging.CreateLogger(MockLogging.HostCategory);
        try
        {
            return await StartAsync(options, logging, log, ownLogging, ct).ConfigureAwait(false);
        }
        catch
        {
            ownLogging?.Dispose();
            throw;
        }
    }

    private static async Task<MockServerHost> StartAsync(MockServerOptions options, ILoggerFactory logging, ILogger log, ILoggerFactory? ownLogging, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // A forbidden credential is a known one: with --credential it gets 403, not 401.
        var credentials = new CredentialCheck(options.AcceptedCredentials is null ? null : [.. options.AcceptedCredentials, .. options.ForbiddenCredentials ?? []]);
        // A shared store is reached before anything listens: unreachable, the start fails (or waits, --store-wait).
        var redis = options.RedisStore is { } location
            ? await RedisApplicationStore.ConnectAsync(location, options.StoreTimeoutMs, options.StoreWait, new LogLineWriter(log), ct).ConfigureAwait(false)
            : null;
        // Reading the contract is the slow part of startup: it runs while WireMock starts listening.
        TimeSpan contractReady = default;
        var flow = PipelineFactory.PinFlowOf(options);
        var parts = Task.Run(() =>
        {
            try
            {
                var built = PipelineFactory.Build(options, credentials, redis, flow);
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
        var entry = new PipelineEntry(parts, journal, options, logging);
        var control = new MockControl(options, parts, journal, entry, log);
        var admin = AdminRoutes.For(options, new AdminEndpoints(journal, control), new FlowAdminEndpoints(flow), new RecipientOutcomeEndpoints(flow));
        var edge = new EdgeGuard(parts); // over-long request lines and headers, in the envelope
        var gateway = new ApiGateway(parts, edge, admin, entry, options, control, credentials);

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
            Logger = new VerboseWireMockLogger(logging.CreateLogger(MockLogging.RequestsCategory)),
            // WireMock lifts Kestrel's response buffer limit; put it back so a large list is sent with backpressure.
            AdditionalServiceRegistration = services =>
            {
                services.PostConfigure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxResponseBufferSize = HttpExchange.WriteSliceBytes);
                // Kestrel's head limits a step above the mock's, which the edge guard answers in the envelope.
                services.PostConfigure<KestrelServerOptions>(kestrel => EdgeLimits.RaiseKestrels(kestrel.Limits));
                // ASP.NET Core's per-request hosting log (an Activity and a log scope on every request) says nothing our journal and --verbose don't.
                services.Configure<LoggerFilterOptions>(filters => filters.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));
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
            control.Fail(e);
            await parts.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            if (parts.IsCompletedSuccessfully) await parts.Result.Store.DisposeAsync().ConfigureAwait(false); // e.g. Redis's connection
            throw;
        }

        var wireMockReady = clock.Elapsed;
        if (!matcherIndexed)
            log.LogWarning("this WireMock.Net version's matcher could not be indexed; every mapping is weighed on every request (slower)");
        var mockHost = new MockServerHost(options, server, parts, journal, control, ownLogging) { MappingMatcherIndexed = matcherIndexed, AdminRoutes = admin };
        try
        {
            // Yielding: the stubs take a few hundred ms to load, and the thread that completed the parts would load them
            // before the requests that waited for the parts, though those need no stub.
            await parts.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            control.Start(server);
            mockHost.StartupTimes = new StartupTimes(wireMockReady, contractReady, clock.Elapsed);
        }
        catch (Exception e)
        {
            control.Fail(e);
            await mockHost.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return mockHost;
    }

    /// <summary>Back to the start: state to the seed, journal cleared, user stubs removed (the --mappings folder reloaded).</summary>
    /// <exception cref="State.StoreUnavailableException">The shared store did not answer; nothing was reset.</exception>
    public void Reset() => _control.Reset();

    /// <summary>Where the applications live (a Redis location without its password).</summary>
    public string StoreDescription => _parts.Result.Store.Description;

    /// <summary>Null while the state store answers; otherwise why not (/__admin/health says unhealthy).</summary>
    public string? StoreProblem => _control.StoreProblem;

    public async ValueTask DisposeAsync()
    {
        WireMock.Stop();
        WireMock.Dispose();
        if (_parts.IsCompletedSuccessfully) await _parts.Result.Store.DisposeAsync().ConfigureAwait(false);
        _ownLogging?.Dispose(); // flushes the console log
    }
}
