using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.MockServer.Http;

/// <summary>
/// The X-Request-Id of every API answer: a random per-process prefix and a counter ("3f9a1c2e-1a"), so one
/// increment and one short string per request, unique across restarts in practice.
/// </summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";

    private static readonly string Prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private static long _counter;

    public static string Next() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Interlocked.Increment(ref _counter):x}");

    /// <summary>A new id, set as the X-Request-Id of the answer to come.</summary>
    public static string Assign(HttpContext context)
    {
        var id = Next();
        context.Response.Headers[Header] = id;
        return id;
    }

    /// <summary>
    /// The request WireMock is handling: set by the gateway, read by our catch-all mapping, whose
    /// callback sees only WireMock's request message (it flows with the async context, as HttpContextAccessor's does).
    /// </summary>
    public static readonly AsyncLocal<RoutedRequest?> Current = new();
}

/// <summary>
/// A request the gateway passed to WireMock: read once by the gateway (the pipeline entry), so our
/// catch-all mapping runs the very request the fast path would; the client's cancellation; whether it was journaled.
/// </summary>
internal sealed class RoutedRequest(Core.ApiRequest request, CancellationToken aborted)
{
    public Core.ApiRequest Request { get; } = request;

    public CancellationToken Aborted { get; } = aborted;

    public bool Journaled { get; set; }
}
