using System.Text;
using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>One way an answer can be broken (issue 20: no answer may stop a run).</summary>
public enum AnswerShape
{
    /// <summary>200 JSON, an array where an object (an application, an error envelope) is expected.</summary>
    JsonArray,

    /// <summary>200 JSON, a bare number.</summary>
    JsonScalar,

    /// <summary>200 JSON, the literal <c>null</c>.</summary>
    JsonNull,

    /// <summary>200 with a JSON Content-Type and no body at all.</summary>
    EmptyBody,

    /// <summary>An object cut off in the middle of a string.</summary>
    TruncatedJson,

    /// <summary>XML that is not well-formed (cut off before its end tag).</summary>
    TruncatedXml,

    /// <summary>An HTML error page, as a proxy in front of an API answers.</summary>
    Html,

    /// <summary>A valid error envelope labelled text/plain.</summary>
    WrongContentType,

    /// <summary>A JSON body without any Content-Type.</summary>
    MissingContentType,

    /// <summary>The asked-for media type with <c>charset=bogus</c> (ReadAsStringAsync throws on it).</summary>
    BogusCharset,

    /// <summary>50 000 levels of nesting, JSON or XML as asked.</summary>
    DeepNesting,

    /// <summary>A 5 MB body.</summary>
    HugeBody,

    /// <summary>204 without a body.</summary>
    NoContent,

    /// <summary>302 to the same URL, for ever.</summary>
    RedirectLoop,

    /// <summary>Never answers while the run waits (bounded by the client's timeout).</summary>
    Slow,

    /// <summary>Headers and part of the body, then the connection closes.</summary>
    ClosedMidBody,
}

/// <summary>
/// A target someone else wrote, at its worst: it answers the preflight (the first request, GET /2fa/2/applications)
/// sanely with an empty list, then every other request with the broken shape <see cref="StartAsync"/> picks for it.
/// Nothing sleeps: a slow answer waits for the client to give up (or for disposal).
/// </summary>
public sealed class HostileTarget : IAsyncDisposable
{
    /// <summary>What each shape's failures must name somewhere in the report (a reason, expected or received).</summary>
    public static readonly IReadOnlyDictionary<AnswerShape, string> Names = new Dictionary<AnswerShape, string>
    {
        [AnswerShape.JsonArray] = "an array",
        [AnswerShape.JsonScalar] = "a number",
        [AnswerShape.JsonNull] = "JSON literal null",
        [AnswerShape.EmptyBody] = "the body is empty",
        [AnswerShape.TruncatedJson] = "not JSON",
        [AnswerShape.TruncatedXml] = "not well-formed XML",
        [AnswerShape.Html] = "text/html",
        [AnswerShape.WrongContentType] = "text/plain",
        [AnswerShape.MissingContentType] = "Content-Type is missing",
        [AnswerShape.BogusCharset] = "charset 'bogus'",
        [AnswerShape.DeepNesting] = "maximum configured depth of 64",
        [AnswerShape.HugeBody] = "larger than 1 MiB",
        [AnswerShape.NoContent] = "status 204",
        [AnswerShape.RedirectLoop] = "status 302",
        [AnswerShape.Slow] = "no complete answer within",
        [AnswerShape.ClosedMidBody] = "while reading the body",
    };

    private const int Depth = 50_000;
    private static readonly byte[] Huge = Encoding.ASCII.GetBytes("[" + string.Join(",", Enumerable.Repeat("\"0123456789\"", 5_000_000 / 13)) + "]");
    private static readonly string DeepJson = new string('[', Depth) + new string(']', Depth);
    private static readonly string DeepXml = string.Concat(Enumerable.Repeat("<a>", Depth)) + string.Concat(Enumerable.Repeat("</a>", Depth));

    private readonly Func<int, AnswerShape> _shapeFor;
    private readonly bool _sanePreflight;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly Dictionary<AnswerShape, int> _served = [];
    private LoopbackApp? _app;
    private int _requests;

    private HostileTarget(Func<int, AnswerShape> shapeFor, bool sanePreflight)
    {
        _shapeFor = shapeFor;
        _sanePreflight = sanePreflight;
    }

    public Uri BaseUrl => _app!.BaseUrl;

    /// <summary>Requests that arrived, the preflight included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How often each shape was answered.</summary>
    public IReadOnlyDictionary<AnswerShape, int> Served
    {
        get { lock (_lock) return new Dictionary<AnswerShape, int>(_served); }
    }

    /// <summary>Called with each request's number (1 is the preflight) as it arrives, before it is answered: a test's hook to stop the run.</summary>
    public Action<int>? OnRequest { get; set; }

    /// <param name="shapeFor">The shape of the answer to the n-th request after the preflight (n from 1).</param>
    /// <param name="sanePreflight">False: the preflight is answered with a broken shape too (<paramref name="shapeFor"/> gets it as request 0).</param>
    public static async Task<HostileTarget> StartAsync(Func<int, AnswerShape> shapeFor, bool sanePreflight = true)
    {
        var target = new HostileTarget(shapeFor, sanePreflight);
        target._app = await LoopbackApp.StartAsync(target.HandleAsync);
        return target;
    }

    /// <summary>Every request after the preflight answered with one shape.</summary>
    public static Task<HostileTarget> StartAsync(AnswerShape shape) => StartAsync(_ => shape);

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        OnRequest?.Invoke(number);
        // The request read whole first: closing a connection with unread input resets it before the answer is out.
        try { await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted); }
        catch (Exception e) when (e is OperationCanceledException or IOException) { return; }
        if (number == 1 && _sanePreflight)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("[]");
            return;
        }
        var shape = _shapeFor(number - 1);
        lock (_lock) _served[shape] = _served.GetValueOrDefault(shape) + 1;
        var xml = context.Request.Headers.Accept.ToString().Contains("xml", StringComparison.OrdinalIgnoreCase);
        var response = context.Response;
        switch (shape)
        {
            case AnswerShape.JsonArray:
                await Json(response, """[{"applicationId": 1}, [], "x"]""");
                break;
            case AnswerShape.JsonScalar:
                await Json(response, "42");
                break;
            case AnswerShape.JsonNull:
                await Json(response, "null");
                break;
            case AnswerShape.EmptyBody:
                response.ContentType = xml ? "application/xml" : "application/json";
                break;
            case AnswerShape.TruncatedJson:
                await Json(response, """{"applicationId": "0123", "name": "trunc""");
                break;
            case AnswerShape.TruncatedXml:
                response.ContentType = "application/xml";
                await response.WriteAsync("<application><applicationId>0123</applicationId><name>trunc</na");
                break;
            case AnswerShape.Html:
                response.StatusCode = StatusCodes.Status502BadGateway;
                response.ContentType = "text/html";
                await response.WriteAsync("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");
                break;
            case AnswerShape.WrongContentType:
                response.ContentType = "text/plain";
                await response.WriteAsync("""{"requestError": {"serviceException": {"messageId": "BAD_REQUEST", "text": "Bad request"}}}""");
                break;
            case AnswerShape.MissingContentType:
                await response.WriteAsync("""{"requestError": {"serviceException": {"messageId": "BAD_REQUEST", "text": "Bad request"}}}""");
                break;
            case AnswerShape.BogusCharset:
                response.ContentType = $"{(xml ? "application/xml" : "application/json")}; charset=bogus";
                await response.WriteAsync(xml ? "<application><name>\u00e9</name></application>" : "{\"name\": \"\u00e9\"}");
                break;
            case AnswerShape.DeepNesting:
                response.ContentType = xml ? "application/xml" : "application/json";
                await response.WriteAsync(xml ? DeepXml : DeepJson);
                break;
            case AnswerShape.HugeBody:
                response.ContentType = "application/json";
                // Written until the client stops reading (it goes away after its limit).
                try { await response.Body.WriteAsync(Huge, context.RequestAborted); }
                catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException) { }
                break;
            case AnswerShape.NoContent:
                response.StatusCode = StatusCodes.Status204NoContent;
                break;
            case AnswerShape.RedirectLoop:
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = context.Request.Path + context.Request.QueryString;
                break;
            case AnswerShape.Slow:
                await _released.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                if (!context.RequestAborted.IsCancellationRequested) response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            case AnswerShape.ClosedMidBody:
                // The chunked framing written here (Kestrel leaves it to the app when the app names it): a chunk of
                // 0x1000 bytes announced, 40 sent, then the connection closes (gracefully: everything sent arrives,
                // which an abort would not promise).
                response.ContentType = "application/json";
                response.Headers.TransferEncoding = "chunked";
                response.Headers.Connection = "close";
                await response.WriteAsync("1000\r\n" + """{"applicationId": "0123", "name": "cut off""");
                break;
        }
    }

    private static Task Json(HttpResponse response, string body)
    {
        response.ContentType = "application/json";
        return response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        if (_app is not null) await _app.DisposeAsync();
    }
}
