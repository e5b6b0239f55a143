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
    private readonly string _authorization;
    private readonly TimeSpan _timeout;

    public TargetClient(Uri baseUrl, string authorization, TimeSpan timeout)
    {
        BaseUrl = baseUrl;
        _authorization = authorization;
        _timeout = timeout;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = baseUrl,
            Timeout = Timeout.InfiniteTimeSpan, // bounded per request below, body included
        };
    }

    public Uri BaseUrl { get; }

    public TimeSpan RequestTimeout => _timeout;

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
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return new Exchange(planned, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
                body, null, watch.Elapsed) { RetryAfter = RetryAfter(response.Headers.RetryAfter) };
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new Exchange(planned, null, null, "", $"no complete answer within {Format(_timeout)} (CONFORMANCE_TIMEOUT)", watch.Elapsed);
        }
        catch (HttpRequestException e)
        {
            return new Exchange(planned, null, null, "", $"connection failed: {Innermost(e)}", watch.Elapsed);
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero : null);

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e.Message;
    }

    private static string Format(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#} s" : $"{t.TotalMilliseconds:0} ms";

    public void Dispose() => _http.Dispose();
}
