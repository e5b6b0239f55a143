using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Profiles;
using Yarp.ReverseProxy.Forwarder;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// The proxy: Kestrel in front, YARP's forwarder (<see cref="IHttpForwarder"/>) to the target. Every request and
/// answer passes unchanged (hop-by-hop headers aside) and streamed; a bounded copy of each body is kept as it passes
/// and judged after the exchange, off the request path (<see cref="ExchangeJudge"/>), then recorded
/// (<see cref="ProxyRecorder"/>). With --annotate or --errors the answer is held (up to --max-body) and judged before
/// it is sent. When the target cannot be reached or stays silent the proxy answers itself, 502 or 504 in the API's
/// error envelope, marked with <see cref="OwnHeader"/>.
/// </summary>
public sealed class ProxyServer : IAsyncDisposable
{
    /// <summary>Names the proxy's own answers (never on the target's): target-unreachable, target-timeout, contract-violation.</summary>
    public const string OwnHeader = "X-Tfc-Proxy";

    /// <summary>With --annotate: the exchange's violation count (request and answer).</summary>
    public const string ViolationsHeader = "X-Tfc-Proxy-Violations";

    /// <summary>The proxy's own pages live under this path; everything else is forwarded.</summary>
    public const string PagePath = "/__proxy";

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _invoker;
    private readonly IHttpForwarder _forwarder;
    private readonly ForwarderRequestConfig _config;
    private readonly string _prefix;
    private readonly Channel<Func<JudgedExchange>> _pending = Channel.CreateBounded<Func<JudgedExchange>>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _judging;

    private ProxyServer(WebApplication app, ProxyOptions options, ExchangeJudge judge, ProxyRecorder recorder)
    {
        _app = app;
        Options = options;
        Judge = judge;
        Recorder = recorder;
        _forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        _prefix = options.Target!.ToString().TrimEnd('/');
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
        });
        _config = new ForwarderRequestConfig { ActivityTimeout = options.Timeout };
        _judging = Task.Run(JudgeLoopAsync);
    }

    public ProxyOptions Options { get; }

    public ExchangeJudge Judge { get; }

    public ProxyRecorder Recorder { get; }

    public SeenCredentials Credentials { get; } = new();

    /// <summary>Where the proxy listens, e.g. <c>http://127.0.0.1:8081/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    public static async Task<ProxyServer> StartAsync(ProxyOptions options, TargetProfile profile, ContractDocument contract)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            // The target's limits are the target's: the proxy forwards any size and keeps only --max-body of it.
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Parse(options.Host == "localhost" ? "127.0.0.1" : options.Host), options.Port);
        });
        var app = builder.Build();
        var recorder = new ProxyRecorder(options.ReportDir);
        var server = new ProxyServer(app, options, new ExchangeJudge(contract, profile, options.Mode), recorder);
        app.Run(context => context.Request.Path.StartsWithSegments(PagePath) ? ProxyPage.AnswerAsync(context, server) : server.ForwardAsync(context));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var authorization = context.Request.Headers.Authorization.ToString();
        Credentials.See(authorization);
        var requestBody = new BoundedCapture(Options.MaxBody);
        context.Request.Body = new CapturingReadStream(context.Request.Body, requestBody);
        var answerBody = new BoundedCapture(Options.MaxBody);
        var transformer = new JudgingTransformer(this, requestBody, answerBody, started);

        var error = await _forwarder.SendAsync(context, _prefix, _invoker, _config, transformer);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var request = Snapshot(context, requestBody);
        var mask = Credentials.Mask;
        if (error != ForwarderError.None && TargetFailure(error) is { } failure)
        {
            var text = $"tfc proxy: {failure.Text} ({Options.Target!.GetLeftPart(UriPartial.Authority)}): {ErrorText(context)}";
            if (!context.Response.HasStarted)
                await AnswerOwnAsync(context, failure.Status, failure.Kind, failure.MessageId, text, request.AnswerFormat);
            await EnqueueAsync(() => Judge.Judge(request, null, $"{failure.Kind}: {text}", elapsed, mask));
            return;
        }
        if (error != ForwarderError.None) return; // the client went away: nothing was exchanged to judge
        if (transformer.Judged is { } judged)
        {
            await EnqueueAsync(() => judged with { LatencyMs = elapsed.TotalMilliseconds });
            return;
        }
        // The answer's body is decoded (charset, Content-Encoding) off the request path, with the judging.
        var (status, contentType, encoding) = (context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.ContentEncoding.ToString());
        await EnqueueAsync(() => Judge.Judge(request, Answer(status, contentType, encoding, answerBody), null, elapsed, mask));
    }

    private static string ErrorText(HttpContext context) =>
        context.GetForwarderErrorFeature()?.Exception is { } e ? (e.InnerException ?? e).Message.ReplaceLineEndings(" ") : "no detail";

    private static (int Status, string Kind, string MessageId, string Text)? TargetFailure(ForwarderError error) => error switch
    {
        ForwarderError.RequestTimedOut => (504, "target-timeout", "TARGET_TIMEOUT", "the target did not answer in time"),
        ForwarderError.Request or ForwarderError.RequestCreation or ForwarderError.ResponseHeaders or ForwarderError.RequestBodyDestination
            or ForwarderError.ResponseBodyDestination or ForwarderError.UpgradeResponseDestination or ForwarderError.UpgradeRequestDestination
            => (502, "target-unreachable", "TARGET_UNREACHABLE", "the target could not be reached or broke off its answer"),
        _ => null,
    };

    internal static ProxiedRequest Snapshot(HttpContext context, BoundedCapture body)
    {
        var r = context.Request;
        var declared = r.ContentLength ?? 0;
        var (text, notValidated) = declared > body.Limit ? ("", ProxyVerdicts.TooLarge) : body.Judged(r.ContentType, r.Headers.ContentEncoding.ToString());
        return new ProxiedRequest(r.Method, r.PathBase.ToUriComponent() + r.Path.ToUriComponent(), r.QueryString.ToUriComponent(),
            NullIfEmpty(r.Headers.Authorization.ToString()), NullIfEmpty(r.Headers.Accept.ToString()), r.ContentType,
            text, Math.Max(body.Total, declared), notValidated);
    }

    internal static ProxiedAnswer Answer(int status, string? contentType, string? encoding, BoundedCapture body)
    {
        var (text, notValidated) = body.Judged(contentType, encoding);
        return new(status, contentType, NullIfEmpty(encoding), text, body.Total, notValidated);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>The proxy's own answer, in the API's error envelope (XML when XML was asked for), marked as its own.</summary>
    internal static async Task AnswerOwnAsync(HttpContext context, int status, string kind, string messageId, string text, BodyFormat format)
    {
        var body = Envelope(messageId, text, format);
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.Headers[OwnHeader] = kind;
        context.Response.ContentType = format.MediaType();
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    public static byte[] Envelope(string messageId, string text, BodyFormat format) =>
        format == BodyFormat.Xml
            ? Encoding.UTF8.GetBytes(new XElement("requestError", new XElement("serviceException",
                new XElement("messageId", messageId), new XElement("text", text))).ToString(SaveOptions.DisableFormatting))
            : Encoding.UTF8.GetBytes(new JsonObject
            {
                ["requestError"] = new JsonObject { ["serviceException"] = new JsonObject { ["messageId"] = messageId, ["text"] = text } },
            }.ToJsonString());

    private ValueTask EnqueueAsync(Func<JudgedExchange> judge) => _pending.Writer.WriteAsync(judge);

    private async Task JudgeLoopAsync()
    {
        await foreach (var judge in _pending.Reader.ReadAllAsync())
        {
            JudgedExchange judged;
            try { judged = judge(); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The validator is total; should it still throw, the exchange is recorded as not judged, never lost.
                judged = new JudgedExchange(DateTimeOffset.UtcNow, null, "?", "?", null, null, 0, "unjudged", [])
                {
                    NotValidated = $"not validated: the proxy could not judge it ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})",
                };
            }
            Recorder.Record(judged);
        }
    }

    /// <summary>Stops listening (exchanges under way finish), judges what is still queued and closes the live file.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        _pending.Writer.TryComplete();
        await _judging;
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        finally
        {
            await _app.DisposeAsync();
            _invoker.Dispose();
            Recorder.Dispose();
        }
    }

    /// <summary>
    /// Per exchange: copies the answer's status and headers (YARP's default), then either hands the body on as it
    /// streams, keeping a bounded copy, or (--annotate, --errors) reads it up to --max-body first and judges it.
    /// </summary>
    private sealed class JudgingTransformer(ProxyServer proxy, BoundedCapture requestBody, BoundedCapture answerBody, long started) : HttpTransformer
    {
        public JudgedExchange? Judged { get; private set; }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext context, HttpResponseMessage? response, CancellationToken cancellationToken)
        {
            if (response is null) return await base.TransformResponseAsync(context, response, cancellationToken);
            var source = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (!proxy.Options.Holds)
            {
                var go = await base.TransformResponseAsync(context, response, cancellationToken);
                response.Content = new ForwardedContent(ReadOnlyMemory<byte>.Empty, source, answerBody);
                return go;
            }

            var buffer = new byte[Math.Min(proxy.Options.MaxBody + 1L, response.Content.Headers.ContentLength is { } n and >= 0 ? n + 1 : 16 * 1024)];
            var count = 0;
            var ended = false;
            while (!ended && count <= proxy.Options.MaxBody)
            {
                if (count == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(proxy.Options.MaxBody + 1L, buffer.Length * 2L));
                var read = await source.ReadAsync(buffer.AsMemory(count), cancellationToken);
                if (read == 0) ended = true;
                count += read;
            }
            answerBody.Add(buffer.AsSpan(0, Math.Min(count, proxy.Options.MaxBody)));
            if (!ended) answerBody.Add(buffer.AsSpan(proxy.Options.MaxBody, count - proxy.Options.MaxBody));

            var encoding = string.Join(",", response.Content.Headers.ContentEncoding);
            var answer = Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), encoding, answerBody);
            var request = Snapshot(context, requestBody);
            Judged = proxy.Judge.Judge(request, answer, null, Stopwatch.GetElapsedTime(started), proxy.Credentials.Mask);

            if (proxy.Options.Errors && Judged.ViolationCount > 0)
            {
                var text = "tfc proxy: the target's answer breaks the contract: "
                           + string.Join("; ", Judged.Violations.Select(v => $"[{v.Check}] {v.Reason}"));
                var body = Envelope("CONTRACT_VIOLATION", text, request.AnswerFormat);
                context.Response.Headers.Clear();
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                context.Response.Headers[OwnHeader] = "contract-violation";
                if (proxy.Options.Annotate) context.Response.Headers[ViolationsHeader] = Judged.ViolationCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.ContentType = request.AnswerFormat.MediaType();
                context.Response.ContentLength = body.Length;
                await source.DisposeAsync();
                response.Content = new ForwardedContent(body, null, null);
                return true;
            }
            var proceed = await base.TransformResponseAsync(context, response, cancellationToken);
            if (proxy.Options.Annotate)
                context.Response.Headers[ViolationsHeader] = Judged.ViolationCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (ended) await source.DisposeAsync();
            response.Content = new ForwardedContent(buffer.AsMemory(0, count), ended ? null : source, null);
            return proceed;
        }
    }
}
