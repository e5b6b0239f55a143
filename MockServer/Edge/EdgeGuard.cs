using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TwoFactorContracts.MockServer.Composition;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Http;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.Responses;

namespace TwoFactorContracts.MockServer.Edge;

/// <summary>
/// The first check of every API and admin request: a request line or headers over <see cref="EdgeLimits"/> are
/// answered 414 or 431 in the API's envelope, in the media type Accept negotiates (JSON when it allows neither),
/// instead of Kestrel's bare answer (Kestrel's own limits are raised above ours, see <see cref="EdgeLimits.RaiseKestrels"/>).
/// Sizes are counted as Kestrel counts them: the request line with its CRLF; each header line as
/// <c>name:value</c> CRLF, the least a client can have sent, so the guard never refuses what Kestrel's defaults took.
/// </summary>
internal sealed class EdgeGuard(Task<MockParts> parts)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        Check(context) is { } error ? AnswerAsync(context, error) : next(context);

    /// <summary>The limit the request's head is over, or null.</summary>
    internal static EdgeError? Check(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestFeature>() is { } request
            && request.Method.Length + 1 + request.RawTarget.Length + 1 + request.Protocol.Length + 2 > EdgeLimits.MaxRequestLineBytes)
            return EdgeError.UriTooLong;

        var headers = context.Request.Headers;
        if (headers.Count > EdgeLimits.MaxHeaderCount) return EdgeError.TooManyHeaders;
        long count = 0, bytes = 0;
        foreach (var (name, values) in headers)
        {
            count += values.Count;
            for (var i = 0; i < values.Count; i++) bytes += name.Length + 1 + (values[i]?.Length ?? 0) + 2;
        }
        if (count > EdgeLimits.MaxHeaderCount) return EdgeError.TooManyHeaders;
        return bytes > EdgeLimits.MaxHeadersTotalBytes ? EdgeError.HeadersTooLarge : null;
    }

    private async Task AnswerAsync(HttpContext context, EdgeError error)
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
    private static MediaType Negotiate(HttpRequest request)
    {
        var accept = request.Headers.Accept.Count == 1 ? request.Headers.Accept[0] : request.Headers.Accept.ToString();
        if (accept is not null && accept.Length > EdgeLimits.MaxHeadersTotalBytes) return MediaType.Json;
        MediaType? bodyType = (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
            && request.ContentType is { } contentType && ContentNegotiator.TryReadContentType(contentType, out var read) ? read : null;
        return ContentNegotiator.ChooseResponse(accept, bodyType) ?? MediaType.Json;
    }
}
