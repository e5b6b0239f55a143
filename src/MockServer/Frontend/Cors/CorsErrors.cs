using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.MockServer.Frontend.Cors;

/// <summary>The CORS stage's own errors, in the API's error envelope.</summary>
public static class CorsErrors
{
    public const string OriginRefusedMessageId = "CORS_ORIGIN_NOT_ALLOWED";

    /// <summary>403 for a preflight from an origin the mock was not told to allow; the browser then blocks the call.</summary>
    public static Task WriteOriginRefusedAsync(HttpResponse response, string origin)
    {
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.ContentType = "application/json";
        var envelope = new
        {
            requestError = new
            {
                serviceException = new
                {
                    messageId = OriginRefusedMessageId,
                    text = $"Origin {origin} is not allowed to call this mock; start it with --cors-origins listing it.",
                },
            },
        };
        return response.WriteAsync(JsonSerializer.Serialize(envelope));
    }
}
