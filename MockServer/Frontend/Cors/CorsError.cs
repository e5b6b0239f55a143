using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Responses;

namespace TwoFactorContracts.MockServer.Frontend.Cors;

/// <summary>The CORS stage's own error: a preflight from an origin the mock was not told to allow (the browser then blocks the call).</summary>
public sealed class CorsError(string origin) : StageError(
    StatusCodes.Status403Forbidden,
    OriginRefusedMessageId,
    $"Origin {origin} is not allowed to call this mock; start it with --cors-origins listing it.")
{
    public const string OriginRefusedMessageId = "CORS_ORIGIN_NOT_ALLOWED";

    /// <summary>Writes it in the API's JSON envelope (a preflight asks for no media type).</summary>
    public Task WriteAsync(HttpResponse response)
    {
        var body = JsonBodies.Error(this);
        response.StatusCode = Status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
