namespace TwoFactorContracts.MockServer.Frontend.Cors;

/// <summary>Decides which browser origins may call the mock, and which request headers they may send.</summary>
public sealed class CorsPolicy
{
    /// <summary>
    /// Always allowed: the credential header, the media-type headers, <c>Prefer</c> (forces documented answers)
    /// and <c>X-Request-Id</c>. Other headers a preflight asks for are allowed too: this is a mock, and a
    /// tracing header added by an app should not break it.
    /// </summary>
    public static readonly IReadOnlyList<string> BaseAllowedHeaders = ["Authorization", "Content-Type", "Accept", "Prefer", "X-Request-Id"];

    /// <summary>Response headers a browser script may read.</summary>
    public static readonly IReadOnlyList<string> ExposedHeaders = ["X-Request-Id", "Retry-After", "Location"];

    /// <summary><see cref="ExposedHeaders"/> as one header value, built once.</summary>
    public static readonly string ExposedHeadersValue = string.Join(", ", ExposedHeaders);

    public const string AllowedMethods = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS";

    /// <summary>How long a browser may cache a preflight answer, in seconds.</summary>
    public const int PreflightMaxAgeSeconds = 600;

    private readonly IReadOnlyList<OriginPattern> _patterns;
    private readonly bool _loopbackOriginsOnly;

    private CorsPolicy(IReadOnlyList<OriginPattern> patterns, bool loopbackOriginsOnly)
    {
        _patterns = patterns;
        _loopbackOriginsOnly = loopbackOriginsOnly;
    }

    public static CorsPolicy From(FrontendOptions options)
    {
        if (options.CorsOrigins is { Count: > 0 } origins)
            return new CorsPolicy(origins.Select(OriginPattern.Parse).ToList(), loopbackOriginsOnly: false);
        return options.ListensOnLoopbackOnly
            ? new CorsPolicy([OriginPattern.Any], loopbackOriginsOnly: false)
            : new CorsPolicy([], loopbackOriginsOnly: true);
    }

    /// <summary>Whether a page with this <c>Origin</c> header may call the mock.</summary>
    public bool Allows(string? originHeader)
    {
        var origin = OriginPattern.ReadOrigin(originHeader);
        if (origin is null) return false;
        if (_loopbackOriginsOnly) return OriginPattern.IsLoopbackHost(origin.Host);
        return _patterns.Any(p => p.Matches(origin));
    }

    /// <summary>The <c>Access-Control-Allow-Headers</c> value for a preflight asking for <paramref name="requested"/>.</summary>
    public static string AllowedHeaders(string? requested)
    {
        var names = new List<string>(BaseAllowedHeaders);
        foreach (var name in (requested ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IsToken(name) && !names.Contains(name, StringComparer.OrdinalIgnoreCase)) names.Add(name);
        }
        return string.Join(", ", names);
    }

    // Header names are RFC 9110 tokens; anything else is dropped rather than echoed back.
    private static bool IsToken(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));
}
