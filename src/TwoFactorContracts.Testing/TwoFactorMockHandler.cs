using System.Net.Http.Headers;
using TwoFactorContracts.Client;
using TwoFactorContracts.MockServer;

namespace TwoFactorContracts.Testing;

/// <summary>
/// The mock as an <see cref="HttpMessageHandler"/>: every request is answered by the mock's own pipeline, in this
/// process, with no server, socket or port. Stateful like the running mock (what you create you read back), JSON and
/// XML, <c>Prefer</c> (the documented examples), the PIN flow, and the admin API for the outbox, clock, fixed PINs,
/// journal and reset (<c>/__admin/...</c>). Any base address works; only the path and query are read:
/// <code>
/// var handler = new TwoFactorMockHandler();
/// using var http = new HttpClient(handler) { BaseAddress = new Uri("https://api.infobip.com/") };
/// </code>
/// Each handler is its own mock (its own state); within one, each credential is its own account. Disposing an
/// HttpClient over it (or IHttpClientFactory retiring it) leaves the mock as it was, so one handler can back many
/// clients; <see cref="DisposeAsync"/> releases a shared store's connection (<c>RedisStore</c>).
/// </summary>
public sealed class TwoFactorMockHandler : HttpMessageHandler, IAsyncDisposable
{
    /// <summary>The base address <see cref="CreateClient"/> gives when none is named: Infobip's own.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.infobip.com/");

    /// <summary>
    /// Composes the mock with <paramref name="options"/> (the mock's own; a port is never opened, so it is ignored).
    /// The contract is read in the background; the first request waits for it. Examples mode and a mappings folder
    /// need WireMock: use <see cref="TwoFactorMock.StartAsync"/> for them.
    /// </summary>
    public TwoFactorMockHandler(MockServerOptions? options = null)
    {
        Mock = InProcessMock.Create(options);
        Authorization = "App twofactor-testing-" + Guid.NewGuid().ToString("N");
    }

    /// <summary>The mock behind the handler: its options, PIN flow (outbox, clock, fixed PINs), request journal and <c>Reset</c>.</summary>
    public InProcessMock Mock { get; }

    /// <summary>A fresh credential (its own account) that <see cref="CreateClient"/> and <see cref="CreateTwoFactorClient"/> send.</summary>
    public string Authorization { get; }

    /// <summary>
    /// An HttpClient over this handler (disposing it leaves the handler alone), with <paramref name="baseAddress"/>
    /// (default <see cref="DefaultBaseAddress"/>) and <paramref name="authorization"/> preset: default
    /// <see cref="Authorization"/>; pass <c>""</c> to send none.
    /// </summary>
    public HttpClient CreateClient(Uri? baseAddress = null, string? authorization = null)
    {
        var client = new HttpClient(this, disposeHandler: false) { BaseAddress = baseAddress ?? DefaultBaseAddress };
        authorization ??= Authorization;
        if (authorization.Length > 0) client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        return client;
    }

    /// <summary>The typed client generated from the contract, over <see cref="CreateClient"/>.</summary>
    public ITwoFactorClient CreateTwoFactorClient(string? authorization = null) => new TwoFactorClient(CreateClient(authorization: authorization));

    /// <summary>Back to the state the mock started in (as <c>POST /__admin/reset</c>).</summary>
    public void Reset() => Mock.Reset();

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Mock.SendAsync(request, cancellationToken);

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Mock.SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Releases a shared store's connection; the handler answers nothing useful afterwards.</summary>
    public ValueTask DisposeAsync() => Mock.DisposeAsync();
}
