using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// Sends planned requests to one target. Every request, body included, is bounded by the per-request timeout,
/// so a target that stalls, resets or trickles costs at most that long and is reported, not waited for.
/// </summary>
public sealed class TargetClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp = true;
    private readonly string _authorization;
    private readonly TimeSpan _timeout;

    /// <summary>
    /// An in-process target: requests go through <paramref name="http"/> (its BaseAddress is the target's), which the
    /// caller owns and disposes. It must carry no default Authorization: each request sets its own (none for a 401 case).
    /// </summary>
    public TargetClient(HttpClient http, string authorization, TimeSpan timeout, int bodyLimit = AnswerBody.Limit)
    {
        if (http.DefaultRequestHeaders.Authorization is not null)
            throw new ArgumentException("The target's HttpClient must send no default Authorization: the run sets each request's own (and none for the 401 cases).");
        BaseUrl = http.BaseAddress ?? throw new ArgumentException("The target's HttpClient needs a BaseAddress (any, e.g. http://localhost/).");
        _http = http;
        _ownsHttp = false;
        _authorization = authorization;
        _timeout = timeout;
        BodyLimit = bodyLimit;
    }

    public TargetClient(Uri baseUrl, string authorization, TimeSpan timeout, int bodyLimit = AnswerBody.Limit)
    {
        BaseUrl = baseUrl;
        _authorization = authorization;
        _timeout = timeout;
        BodyLimit = bodyLimit;
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            // A 3xx is an answer like any other (an undocumented status), never followed: a redirect loop costs one request.
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = baseUrl,
            Timeout = Timeout.InfiniteTimeSpan, // bounded per request below, body included
        };
    }

    public Uri BaseUrl { get; }

    /// <summary>The most of a body the client reads (<see cref="AnswerBody.Limit"/>); a larger answer is cut there and fails answer-received.</summary>
    public int BodyLimit { get; }

    public async Task<Exchange> SendAsync(PlannedRequest planned, CancellationToken cancel = default)
    {
        var watch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(new HttpMethod(planned.Method), planned.Path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(planned.Accept ?? planned.Format.MediaType()));
        if (planned.WithCredentials) request.Headers.TryAddWithoutValidation("Authorization", planned.Credential ?? _authorization);
        if (planned.Prefer is not null) request.Headers.TryAddWithoutValidation("Prefer", planned.Prefer);
        if (planned.Body is not null)
        {
            request.Content = new StringContent(planned.Body, Encoding.UTF8, planned.Format.MediaType());
            // A 415 case sends a bare media type, as the documented example's text quotes it.
            if (planned.ContentType is not null) request.Content.Headers.ContentType = new MediaTypeHeaderValue(planned.ContentType);
        }
        HttpResponseMessage response;
        try { response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token); }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new Exchange(planned, null, null, "", $"no complete answer within {Format(_timeout)} (CONFORMANCE_TIMEOUT)", watch.Elapsed);
        }
        catch (HttpRequestException e)
        {
            return new Exchange(planned, null, null, "", $"connection failed: {Innermost(e)}", watch.Elapsed);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var contentType = ContentType(response);
            var retryAfter = RetryAfter(response.Headers);
            // Once the status line is in, the status is known even when the body breaks: a create answered 2xx counts.
            Exchange Broken(string problem, string body = "", bool tooLarge = false) =>
                new(planned, status, contentType, body, problem, watch.Elapsed) { RetryAfter = retryAfter, TooLarge = tooLarge };
            try
            {
                var body = await AnswerBody.ReadAsync(response.Content, BodyLimit, deadline.Token);
                if (body.TooLarge)
                    return Broken($"the answer is larger than {AnswerBody.LimitText(BodyLimit)} ({status} {contentType ?? "(no Content-Type)"}"
                        + $"{(response.Content.Headers.ContentLength is { } length ? $", Content-Length {length}" : "")}); the run stopped reading it there",
                        body.Text, tooLarge: true);
                return new Exchange(planned, status, contentType, body.Text, null, watch.Elapsed) { RetryAfter = retryAfter };
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                return Broken($"no complete answer within {Format(_timeout)} (CONFORMANCE_TIMEOUT): the body of the {status} answer did not finish");
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                return Broken($"connection failed while reading the body of the {status} answer: {Innermost(e)}");
            }
        }
    }

    /// <summary>The Content-Type as the target sent it (a value that does not parse is kept as sent), or null when absent.</summary>
    private static string? ContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) && values.Count > 0
            ? string.Join(", ", values)
            : null;

    private static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        try { return RetryAfter(headers.RetryAfter); }
        catch (FormatException) { return null; }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero : null);

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e.Message;
    }

    private static string Format(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#} s" : $"{t.TotalMilliseconds:0} ms";

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
