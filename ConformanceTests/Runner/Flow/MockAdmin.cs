using System.Net.Http.Headers;
using System.Text;

namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>
/// Our mock's admin API, for what only the mock can do: read a sent PIN from its outbox
/// (<c>GET /__admin/mock/outbox?pinId=</c>) and move its clock (<c>POST /__admin/mock/clock</c>), so expiry is
/// tested without waiting, and set a recipient's send outcome (<c>PUT /__admin/mock/recipients/{to}</c>). Credentials: the mock's --admin-user/--admin-password as Basic (CONFORMANCE_ADMIN_AUTH).
/// </summary>
public sealed class MockAdmin : IPinSource, IDisposable
{
    public const string OutboxPath = "__admin/mock/outbox";
    public const string ClockPath = "__admin/mock/clock";
    public const string RecipientsPath = "__admin/mock/recipients";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _authorization;
    private readonly TimeSpan _timeout;

    public MockAdmin(Uri baseUrl, string? authorization, TimeSpan timeout)
        : this(new HttpClient { BaseAddress = baseUrl, Timeout = timeout }, authorization, timeout) => _ownsHttp = true;

    /// <summary>An in-process mock: its admin API through <paramref name="http"/> (the run's target client, which the caller owns).</summary>
    public MockAdmin(HttpClient http, string? authorization, TimeSpan timeout)
    {
        _http = http;
        _authorization = authorization;
        _timeout = timeout;
    }

    public string Description => $"the mock's outbox (GET /{OutboxPath}?pinId=)";

    public async Task<PinReading> ReadAsync(string pinId, string to, CancellationToken cancel)
    {
        var (status, body, problem) = await SendAsync(HttpMethod.Get, $"{OutboxPath}?pinId={Uri.EscapeDataString(pinId)}", null, cancel);
        if (problem is not null) return PinReading.Failed(problem);
        return status == 200 ? PinAnswer.Parse(body, pinId, "the mock's outbox") : PinReading.Failed($"GET /{OutboxPath} answered {status}: {Excerpt(body)}");
    }

    /// <summary>Moves the mock's clock forward by a time in the API's format (<c>16m</c>); returns why not, or null.</summary>
    public async Task<string?> AdvanceClockAsync(string time, CancellationToken cancel)
    {
        var (status, body, problem) = await SendAsync(HttpMethod.Post, ClockPath, $"{{\"advance\":\"{time}\"}}", cancel);
        return problem ?? (status is >= 200 and < 300 ? null : $"POST /{ClockPath} answered {status}: {Excerpt(body)}");
    }

    /// <summary>Sets what a send to <paramref name="to"/> answers (<c>{"ncStatus":…}</c>); returns why not, or null.</summary>
    public async Task<string?> SetOutcomeAsync(string to, string json, CancellationToken cancel)
    {
        var path = $"{RecipientsPath}/{Uri.EscapeDataString(to)}";
        var (status, body, problem) = await SendAsync(HttpMethod.Put, path, json, cancel);
        return problem ?? (status == 200 ? null : $"PUT /{path} answered {status}: {Excerpt(body)}");
    }

    /// <summary>Forgets the outcome set for <paramref name="to"/> (none set is fine); returns why not, or null.</summary>
    public async Task<string?> RemoveOutcomeAsync(string to, CancellationToken cancel)
    {
        var path = $"{RecipientsPath}/{Uri.EscapeDataString(to)}";
        var (status, body, problem) = await SendAsync(HttpMethod.Delete, path, null, cancel);
        return problem ?? (status is 204 or 404 ? null : $"DELETE /{path} answered {status}: {Excerpt(body)}");
    }

    /// <summary>Whether each message of a pinId went out, oldest first, as the outbox records it; or why it could not be read.</summary>
    public async Task<(IReadOnlyList<bool> Sent, string? Problem)> SentFlagsAsync(string pinId, CancellationToken cancel)
    {
        var (status, body, problem) = await SendAsync(HttpMethod.Get, $"{OutboxPath}?pinId={Uri.EscapeDataString(pinId)}", null, cancel);
        if (problem is not null) return ([], problem);
        if (status != 200) return ([], $"GET /{OutboxPath} answered {status}: {Excerpt(body)}");
        try
        {
            var messages = System.Text.Json.Nodes.JsonNode.Parse(body)?["messages"]?.AsArray() ?? [];
            return ([.. messages.Select(m => m?["sent"]?.GetValue<bool>() ?? true)], null);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return ([], $"the outbox is not the mock's JSON: {e.Message}");
        }
    }

    private async Task<(int Status, string Body, string? Problem)> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, path);
        if (_authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            deadline.CancelAfter(_timeout); // the body too, not only the headers
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var body = await AnswerBody.ReadAsync(response.Content, AnswerBody.Limit, deadline.Token);
            return ((int)response.StatusCode, body.Text, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancel.IsCancellationRequested)
        {
            return (0, "", $"{method} /{path} got no answer: {e.Message}");
        }
    }

    private static string Excerpt(string body) => body.Length <= 160 ? body : body[..160] + "…";

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
