using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.MockServer.Frontend.Cors;

/// <summary>
/// Answers CORS preflights itself and adds the CORS headers to every answer for an allowed origin, whoever
/// (our stages, WireMock, a user's stub) writes that answer.
/// Not ASP.NET Core's CORS middleware: it cannot refuse a preflight in the API's envelope (it answers 204 without
/// headers), says Vary: Origin only to allowed origins, has no Private Network Access answer, and either echoes
/// any requested header or refuses the preflight (ours: the base list plus requested tokens, junk dropped).
/// </summary>
public sealed class CorsMiddleware(CorsPolicy policy)
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            if (IsPreflight(request)) return AnswerPreflightAsync(context, origin);
            AddHeadersWhenStarting(context.Response, origin, policy.Allows(origin));
        }
        return next(context);
    }

    // Added when the answer starts, so a downstream stage that rebuilds the headers cannot drop them. A method of
    // its own so that a request without Origin (most of them) allocates no closure.
    private static void AddHeadersWhenStarting(HttpResponse response, string origin, bool allowed) =>
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.Append("Vary", "Origin");
            if (allowed)
            {
                headers.AccessControlAllowOrigin = origin;
                headers.AccessControlAllowCredentials = "true";
                headers.AccessControlExposeHeaders = CorsPolicy.ExposedHeadersValue;
            }
            return Task.CompletedTask;
        });

    private static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");

    private async Task AnswerPreflightAsync(HttpContext context, string origin)
    {
        var response = context.Response;
        response.Headers.Vary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";
        if (!policy.Allows(origin))
        {
            await new CorsError(origin).WriteAsync(response);
            return;
        }

        var headers = response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.AccessControlAllowCredentials = "true";
        headers.AccessControlAllowMethods = CorsPolicy.AllowedMethods;
        headers.AccessControlAllowHeaders = CorsPolicy.AllowedHeaders(context.Request.Headers.AccessControlRequestHeaders);
        headers.AccessControlMaxAge = CorsPolicy.PreflightMaxAgeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Chrome's Private Network Access asks this when a page on a public host calls the mock on loopback.
        if (string.Equals(context.Request.Headers["Access-Control-Request-Private-Network"], "true", StringComparison.OrdinalIgnoreCase))
            headers["Access-Control-Allow-Private-Network"] = "true";
        response.StatusCode = StatusCodes.Status204NoContent;
    }
}
