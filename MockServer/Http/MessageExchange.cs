using System.Net;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Http;

/// <summary>
/// <see cref="HttpExchange"/>'s counterpart with no server: reads an ApiRequest from an <see cref="HttpRequestMessage"/>
/// and writes an ApiResponse as an <see cref="HttpResponseMessage"/> (the in-process handler). The same request as
/// Kestrel's would give: the path decoded as ASP.NET Core decodes it, the body (POST, PUT) read up to the limit and no
/// further, one X-Request-Id per answer. The admin endpoints take an HttpContext: <see cref="AdminContextAsync"/> builds
/// one for them and <see cref="FromContext"/> turns what they wrote into the message.
/// </summary>
internal static class MessageExchange
{
    /// <summary>The request's path as Kestrel hands it on (percent-decoded, <c>%2F</c> kept).</summary>
    public static string PathOf(Uri uri) => PathString.FromUriComponent(uri).Value is { Length: > 0 } path ? path : "/";

    /// <summary>The request as the pipeline sees it; the body only for POST and PUT, at most <paramref name="maxBodyBytes"/> of it.</summary>
    public static async ValueTask<ApiRequest> ReadAsync(HttpRequestMessage message, string path, int maxBodyBytes, string requestId,
        CancellationToken cancellationToken)
    {
        var method = message.Method.Method;
        ReadOnlyMemory<byte> body = default;
        var tooLarge = false;
        if (message.Content is { } content && (HttpMethods.IsPost(method) || HttpMethods.IsPut(method)))
            (body, tooLarge) = await ReadBodyAsync(content, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        var headers = message.Headers.NonValidated;
        var query = message.RequestUri!.Query;
        return new ApiRequest
        {
            RequestId = requestId,
            Method = method,
            Path = path,
            Query = query.Length > 1 ? query : null,
            Authorization = Single(headers, "Authorization"),
            Accept = Single(headers, "Accept"),
            ContentType = message.Content is { } c ? Single(c.Headers.NonValidated, "Content-Type") : null,
            Prefer = Single(headers, "Prefer"),
            Body = body,
            BodyTooLarge = tooLarge,
        };
    }

    /// <summary>The pipeline's answer as a message: status, body (the answer's bytes, not copied), Content-Type, X-Request-Id and its one header.</summary>
    public static HttpResponseMessage ToMessage(in ApiResponse answer, HttpRequestMessage request, string requestId)
    {
        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Content = new ReadOnlyMemoryContent(answer.Body),
        };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", answer.ContentType);
        response.Content.Headers.ContentLength = answer.Body.Length;
        response.Headers.TryAddWithoutValidation(RequestIds.Header, requestId);
        if (answer.Header is { } header) Add(response, header.Key, header.Value);
        return response;
    }

    /// <summary>An HttpContext for the admin endpoints: method, path, query, headers, the body as a stream, an empty response to write.</summary>
    public static async Task<DefaultHttpContext> AdminContextAsync(HttpRequestMessage message, string path, CancellationToken cancellationToken)
    {
        var uri = message.RequestUri!;
        var context = new DefaultHttpContext { RequestAborted = cancellationToken };
        var request = context.Request;
        request.Method = message.Method.Method;
        request.Scheme = uri.Scheme;
        request.Host = HostString.FromUriComponent(uri);
        request.Path = path;
        request.QueryString = QueryString.FromUriComponent(uri);
        foreach (var (name, values) in message.Headers.NonValidated) request.Headers[name] = values.ToArray();
        if (message.Content is { } content)
        {
            foreach (var (name, values) in content.Headers.NonValidated) request.Headers[name] = values.ToArray();
            request.Body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>What the admin endpoints wrote into <paramref name="context"/>, as a message.</summary>
    public static HttpResponseMessage FromContext(HttpContext context, HttpRequestMessage request)
    {
        var written = (MemoryStream)context.Response.Body;
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            RequestMessage = request,
            Content = new ReadOnlyMemoryContent(written.GetBuffer().AsMemory(0, (int)written.Length)),
        };
        foreach (var (name, values) in context.Response.Headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var value in values) if (value is not null) Add(response, name, value);
        }
        response.Content.Headers.ContentLength = written.Length;
        return response;
    }

    /// <summary>A header where HttpClient keeps it: on the response, or on its content (Allow, Content-Type).</summary>
    private static void Add(HttpResponseMessage response, string name, string value)
    {
        if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
    }

    private static string? Single(System.Net.Http.Headers.HttpHeadersNonValidated headers, string name) =>
        headers.TryGetValues(name, out var values) && values.Count > 0
            ? values.Count == 1 ? values.ToString() : string.Join(", ", values)
            : null;

    /// <summary>Reads the whole body, stopping as soon as it passes the limit (the rest is never buffered).</summary>
    private static async ValueTask<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadBodyAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit) return (default, true);
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var most = Math.Min(limit + 1L, Array.MaxLength);
            var buffer = new byte[(int)Math.Min(most, (content.Headers.ContentLength ?? 4096) + 1)];
            var read = 0;
            while (true)
            {
                if (read == buffer.Length)
                {
                    if (buffer.Length > limit) return (default, true);
                    Array.Resize(ref buffer, (int)Math.Min(most, buffer.Length * 2L));
                }
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0) return (buffer.AsMemory(0, read), false);
                read += n;
            }
        }
    }
}
