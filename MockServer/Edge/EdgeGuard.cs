using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TwoFactorContracts.MockServer.Composition;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Http;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.Responses;

namespace TwoFactorContracts.MockServer.Edge;

/// <summary>
/// The first check of every API and admin request (the gateway's, <see cref="ApiGateway"/>): a request line or headers
/// over <see cref="EdgeLimits"/> are answered 414 or 431 in the API's envelope, in the media type Accept negotiates (JSON when it allows neither),
/// instead of Kestrel's bare answer (Kestrel's own limits are raised above ours, see <see cref="EdgeLimits.RaiseKestrels"/>).
/// Sizes are counted as Kestrel counts them: the request line with its CRLF; each header line as
/// <c>name:value</c> CRLF, the least a client can have sent, so the guard never refuses what Kestrel's defaults took.
/// </summary>
internal sealed class EdgeGuard(Task<MockParts> parts)
{
    /// <summary>The limit the request's head is over, or null.</summary>
    internal static EdgeError? Check(HttpContext context)
    {
        var requestLine = context.Features.Get<IHttpRequestFeature>() is { } request
            ? HeadSize.RequestLineBytes(request.Method, request.RawTarget.Length, request.Protocol)
            : 0;
        var headers = context.Request.Headers;
        var size = new HeadSize();
        foreach (var (name, values) in headers)
            for (var i = 0; i < values.Count; i++) size.AddHeaderLine(name, values[i]);
        return size.Verdict(requestLine, headers.Count);
    }

    /// <summary>Answers the request <paramref name="error"/> refuses, in the envelope and the negotiated media type.</summary>
    public async Task AnswerAsync(HttpContext context, EdgeError error)
    {
        RequestIds.Assign(context);
        var type = Negotiate(context.Request);
        ApiResponse response;
        try
        {
            // The pipeline's renderer writes the contract's XML names; it is ready moments after the server listens.
            var ready = parts.IsCompletedSuccessfully ? parts.Result : await parts.ConfigureAwait(false);
            response = ready.Pipeline.Error(error, type);
        }
        catch (Exception) when (!parts.IsCompletedSuccessfully)
        {
            response = new ApiResponse(error.Status, MediaType.Json, JsonBodies.Error(error)); // the contract could not be read
        }
        await HttpExchange.WriteAsync(context, response).ConfigureAwait(false);
    }

    /// <summary>
    /// The answer's media type, as the pipeline negotiates it; an Accept longer than our whole header limit is not
    /// read (JSON), so an oversized one never reaches the negotiator's cache of Accept values.
    /// </summary>
    private static MediaType Negotiate(HttpRequest request) =>
        Negotiate(request.Method, request.Headers.Accept.Count == 1 ? request.Headers.Accept[0] : request.Headers.Accept.ToString(), request.ContentType);

    /// <summary>The media type of an edge error's answer, from the request's method, Accept and Content-Type.</summary>
    internal static MediaType Negotiate(string method, string? accept, string? contentType)
    {
        if (accept is not null && accept.Length > EdgeLimits.MaxHeadersTotalBytes) return MediaType.Json;
        MediaType? bodyType = (HttpMethods.IsPost(method) || HttpMethods.IsPut(method))
            && contentType is not null && ContentNegotiator.TryReadContentType(contentType, out var read) ? read : null;
        return ContentNegotiator.ChooseResponse(accept, bodyType) ?? MediaType.Json;
    }
}

/// <summary>
/// A request head's size as Kestrel counts it, for the running mock's requests (<see cref="EdgeGuard"/>) and the
/// in-process handler's messages alike: the request line with its CRLF, each header line as <c>name:value</c> CRLF.
/// </summary>
internal struct HeadSize
{
    private long _lines;
    private long _bytes;

    public static long RequestLineBytes(string method, int targetLength, string protocol) => method.Length + 1 + targetLength + 1 + protocol.Length + 2;

    public void AddHeaderLine(string name, string? value)
    {
        _lines++;
        _bytes += name.Length + 1 + (value?.Length ?? 0) + 2;
    }

    /// <summary>The limit the head is over (the request line first, then the header count, then their size), or null.</summary>
    public readonly EdgeError? Verdict(long requestLineBytes, int headerNames) =>
        requestLineBytes > EdgeLimits.MaxRequestLineBytes ? EdgeError.UriTooLong
        : headerNames > EdgeLimits.MaxHeaderCount || _lines > EdgeLimits.MaxHeaderCount ? EdgeError.TooManyHeaders
        : _bytes > EdgeLimits.MaxHeadersTotalBytes ? EdgeError.HeadersTooLarge
        : null;
}
