using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TwoFactorContracts.MockServer.Admin;
using TwoFactorContracts.MockServer.Composition;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Http;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.Logging;
using TwoFactorContracts.MockServer.State.Redis;
using TwoFactorContracts.MockServer.Stubbing;

namespace TwoFactorContracts.MockServer;

/// <summary>
/// The mock with no server: the same pipeline <see cref="MockServerHost"/> runs (composed by the same factory, entered
/// through the same <c>PipelineEntry</c>, journaled alike), answering <see cref="HttpRequestMessage"/>s directly. No
/// Kestrel, no WireMock, no socket. The admin endpoints (health, reset, journal, outbox, clock, fixed PINs) answer
/// too; WireMock.Net's own admin API (mappings) does not exist here, and the pipeline answers <c>Prefer</c> itself
/// with the documented example the contract's stub would. Stateful mode only (examples mode and --mappings are
/// WireMock's matching). What TwoFactorContracts.Testing's <c>TwoFactorMockHandler</c> runs.
/// </summary>
public sealed class InProcessMock : IAsyncDisposable
{
    private readonly Task<MockParts> _parts;
    private readonly PipelineEntry _entry;
    private readonly AdminRoutes _admin;
    private readonly MockControl _control;

    private InProcessMock(MockServerOptions options, Task<MockParts> parts, PipelineEntry entry, AdminRoutes admin, MockControl control,
        RequestJournal journal, PinFlow flow)
    {
        Options = options;
        _parts = parts;
        _entry = entry;
        _admin = admin;
        _control = control;
        Journal = journal;
        Flow = flow;
    }

    public MockServerOptions Options { get; }

    /// <summary>The PIN engine: its clock, outbox and fixed PINs (also at /__admin/mock/clock, outbox, fixed-pins).</summary>
    public PinFlow Flow { get; }

    /// <summary>The journal of API requests (also at GET /__admin/mock/journal).</summary>
    public RequestJournal Journal { get; }

    /// <summary>Completes when the contract is read and the pipeline composed (the first request waits for it).</summary>
    public Task Ready => _parts;

    /// <summary>
    /// Composes the mock from <paramref name="options"/> (the contract is read in the background; the first request
    /// waits for it). Throws <see cref="ArgumentException"/> for options the mock refuses, and for examples mode and a
    /// mappings folder, which need WireMock (<see cref="MockServerHost"/>).
    /// </summary>
    public static InProcessMock Create(MockServerOptions? options = null)
    {
        options ??= new MockServerOptions();
        options.Validate();
        if (options.Mode == MockMode.Examples)
            throw new ArgumentException("Examples mode answers the documented cases from WireMock's stubs: start the mock with a port for it (MockServerHost, TwoFactorMock.StartAsync).");
        if (options.MappingsFolder is not null)
            throw new ArgumentException("A mappings folder holds WireMock stubs: start the mock with a port for them (MockServerHost, TwoFactorMock.StartAsync).");
        var logging = options.Logging ?? NullLoggerFactory.Instance;
        var log = logging.CreateLogger(MockLogging.HostCategory);
        var credentials = new CredentialCheck(options.AcceptedCredentials is null ? null : [.. options.AcceptedCredentials, .. options.ForbiddenCredentials ?? []]);
        var flow = PipelineFactory.PinFlowOf(options);
        var parts = Task.Run(async () =>
        {
            var redis = options.RedisStore is { } location
                ? await RedisApplicationStore.ConnectAsync(location, options.StoreTimeoutMs, options.StoreWait, new LogLineWriter(log), CancellationToken.None).ConfigureAwait(false)
                : null;
            try
            {
                return PipelineFactory.Build(options, credentials, redis, flow, stubsInFront: false);
            }
            catch
            {
                redis?.Dispose();
                throw;
            }
        });
        var journal = new RequestJournal(options.AdminEnabled ? options.JournalSize : 0);
        var entry = new PipelineEntry(parts, journal, options, logging);
        var control = new MockControl(options, parts, journal, entry, log);
        control.StartWithoutWireMock();
        var admin = AdminRoutes.For(options, new AdminEndpoints(journal, control), new FlowAdminEndpoints(flow), new RecipientOutcomeEndpoints(flow));
        return new InProcessMock(options, parts, entry, admin, control, journal, flow);
    }

    /// <summary>
    /// Answers one request as the running mock would: admin paths by the admin endpoints, everything else by the
    /// pipeline (an X-Request-Id on every API answer). Only the request URI's path and query matter, not its host.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
            throw new InvalidOperationException("The request needs an absolute URI: give the HttpClient a BaseAddress (any, e.g. https://api.infobip.com/).");
        cancellationToken.ThrowIfCancellationRequested();
        if (!_parts.IsCompletedSuccessfully) await _parts.ConfigureAwait(false);
        if (EdgeErrorOf(request, uri) is { } edge)
        {
            // The running mock's edge: a head over Kestrel's default limits is answered 414/431 in the API's envelope.
            var accept = request.Headers.NonValidated.TryGetValues("Accept", out var values) ? string.Join(", ", values) : null;
            var type = Edge.EdgeGuard.Negotiate(request.Method.Method, accept, request.Content?.Headers.ContentType?.ToString());
            return MessageExchange.ToMessage(_parts.Result.Pipeline.Error(edge, type), request, RequestIds.Next());
        }
        var path = MessageExchange.PathOf(uri);
        if (path.StartsWith(AdminPaths.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var context = await MessageExchange.AdminContextAsync(request, path, cancellationToken).ConfigureAwait(false);
            if (await _admin.TryHandleAsync(context, path).ConfigureAwait(false)) return MessageExchange.FromContext(context, request);
            // Not one of ours, and WireMock's admin API is not here: the pipeline answers (its 404), as with the admin API off.
        }
        var started = Stopwatch.GetTimestamp();
        var requestId = RequestIds.Next();
        var read = await MessageExchange.ReadAsync(request, path, Options.MaxBodyBytes, requestId, cancellationToken).ConfigureAwait(false);
        var answer = await _entry.AnswerAsync(read, cancellationToken).ConfigureAwait(false);
        _entry.Record(read, answer.Status, started);
        return MessageExchange.ToMessage(answer, request, requestId);
    }

    /// <summary>
    /// The limit the message's head would be over on the wire, or null: its request line (<c>METHOD /path?query HTTP/x</c>)
    /// and its header lines (the content's included, and <c>Host</c> as HttpClient adds it), as Kestrel counts them.
    /// </summary>
    private static Edge.EdgeError? EdgeErrorOf(HttpRequestMessage request, Uri uri)
    {
        var requestLine = Edge.HeadSize.RequestLineBytes(request.Method.Method, uri.PathAndQuery.Length, $"HTTP/{request.Version.Major}.{request.Version.Minor}");
        var size = new Edge.HeadSize();
        var names = 0;
        IEnumerable<KeyValuePair<string, HeaderStringValues>> headers = request.Headers.NonValidated;
        if (request.Content is { } content) headers = headers.Concat(content.Headers.NonValidated);
        foreach (var (name, values) in headers)
        {
            names++;
            foreach (var value in values) size.AddHeaderLine(name, value);
        }
        if (!request.Headers.NonValidated.Contains("Host"))
        {
            names++;
            size.AddHeaderLine("Host", uri.Authority);
        }
        return size.Verdict(requestLine, names);
    }

    /// <summary>Back to the start: state to the seed, the PIN flow's outbox, clock and fixed PINs, the journal (as POST /__admin/reset).</summary>
    /// <exception cref="State.StoreUnavailableException">The shared store did not answer; nothing was reset.</exception>
    public void Reset()
    {
        _parts.GetAwaiter().GetResult();
        _control.Reset();
    }

    /// <summary>Releases what the state holds outside memory (a Redis connection).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_parts.IsCompletedSuccessfully) await _parts.Result.Store.DisposeAsync().ConfigureAwait(false);
    }
}
