using System.Net.Http.Headers;
using System.Text;

namespace MockServer.Tests.Support;

/// <summary>Sends API requests as one account. Every request has a timeout, so a hang fails instead of blocking.</summary>
public sealed class ApiClient(HttpClient http, string? authorization)
{
    public const string Collection = "/2fa/2/applications";

    public HttpClient Http => http;

    public string? Authorization => authorization;

    public static ApiClient ForNewAccount(Uri baseUrl) =>
        new(NewHttp(baseUrl), BasicFor($"user-{Guid.NewGuid():N}", "secret"));

    public static HttpClient NewHttp(Uri baseUrl) => new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(15) };

    public static string BasicFor(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    public ApiClient As(string? otherAuthorization) => new(http, otherAuthorization);

    public Task<HttpResponseMessage> GetAsync(string path = Collection, string? accept = "application/json", IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Get, path, null, null, accept, headers);

    public Task<HttpResponseMessage> PostJsonAsync(string json, string? accept = "application/json", IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, Collection, json, "application/json", accept, headers);

    public Task<HttpResponseMessage> PutJsonAsync(string id, string json, string? accept = "application/json") =>
        SendAsync(HttpMethod.Put, $"{Collection}/{id}", json, "application/json", accept);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? contentType,
        string? accept = "application/json", IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Creates an application from JSON and returns its id (asserting success: 200, or 201 from the today flavour).</summary>
    public async Task<string> CreateAsync(string json)
    {
        var response = await PostJsonAsync(json);
        var body = await response.Content.ReadAsStringAsync();
        new[] { 200, 201 }.ShouldContain((int)response.StatusCode, body);
        return Bodies.Json(body)["applicationId"]!.GetValue<string>();
    }

    public static MediaTypeHeaderValue? ContentTypeOf(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
