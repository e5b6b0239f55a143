using System.Net.Http.Headers;
using System.Text;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>What the server answered, as plain data (status, Content-Type, body text).</summary>
public sealed record ApiAnswer(int Status, string? ContentType, string Body)
{
    public BodyFormat? Format => BodyFormats.FromMediaType(ContentType);

    public override string ToString() => $"{Status} {ContentType}: {(Body.Length > 300 ? Body[..300] + "..." : Body)}";
}

/// <summary>Sends one API request with exactly the headers given (no validation of odd values by HttpClient).</summary>
public static class Api
{
    public const string Collection = "/2fa/2/applications";

    public static async Task<ApiAnswer> SendAsync(HttpClient client, string method, string path, string? authorization,
        byte[]? body = null, string? contentType = null, string? accept = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = null;
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await client.SendAsync(request, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        return new ApiAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), Encoding.UTF8.GetString(bytes));
    }

    public static Task<ApiAnswer> SendAsync(HttpClient client, string method, string path, string? authorization,
        string body, BodyFormat format, CancellationToken ct = default) =>
        SendAsync(client, method, path, authorization, Encoding.UTF8.GetBytes(body), format.MediaType(), format.MediaType(), ct);

    public static Task<ApiAnswer> ListAsync(HttpClient client, string authorization, BodyFormat format = BodyFormat.Json) =>
        SendAsync(client, "GET", Collection, authorization, accept: format.MediaType());

    public static MediaTypeHeaderValue Json => new("application/json");
}
