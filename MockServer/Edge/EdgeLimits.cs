using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace TwoFactorContracts.MockServer.Edge;

/// <summary>
/// The size of a request's head (request line and headers) the mock takes: Kestrel's default limits, enforced by
/// <see cref="EdgeGuard"/> so that a request over them is answered in the API's envelope. Kestrel's own limits are
/// raised a bounded step above ours (<see cref="RaiseKestrels"/>): a request between the two reaches the guard; one
/// beyond Kestrel's still gets Kestrel's bare answer, so a client can never make the server buffer more than that.
/// </summary>
public static class EdgeLimits
{
    /// <summary>The request line, CRLF included (Kestrel's default MaxRequestLineSize).</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>All header lines together (Kestrel's default MaxRequestHeadersTotalSize).</summary>
    public const int MaxHeadersTotalBytes = 32 * 1024;

    /// <summary>Header lines (Kestrel's default MaxRequestHeaderCount).</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>How far above ours Kestrel's limits are raised: beyond them Kestrel answers itself, without a body.</summary>
    public const int KestrelFactor = 4;

    /// <summary>Raises Kestrel's head limits to <see cref="KestrelFactor"/> times ours (32 KiB line, 128 KiB headers, 400 headers).</summary>
    public static void RaiseKestrels(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = MaxRequestLineBytes * KestrelFactor;
        limits.MaxRequestHeadersTotalSize = MaxHeadersTotalBytes * KestrelFactor;
        limits.MaxRequestHeaderCount = MaxHeaderCount * KestrelFactor;
    }
}
