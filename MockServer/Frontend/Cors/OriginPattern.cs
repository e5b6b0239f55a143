using System.Net;

namespace TwoFactorContracts.MockServer.Frontend.Cors;

/// <summary>One allowed-origin entry: <c>*</c>, <c>scheme://host[:port]</c> or <c>scheme://host:*</c> (any port).</summary>
public sealed record OriginPattern(string Scheme, string Host, int? Port, bool AnyPort, bool AnyOrigin)
{
    public static readonly OriginPattern Any = new("", "", null, false, true);

    /// <summary>Parses an entry of <c>--cors-origins</c>; throws <see cref="ArgumentException"/> with the entry in the message.</summary>
    public static OriginPattern Parse(string entry)
    {
        if (entry == "*") return Any;
        var anyPort = entry.EndsWith(":*", StringComparison.Ordinal);
        var text = anyPort ? entry[..^2] : entry;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.PathAndQuery != "/" || text.EndsWith('/') || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new ArgumentException(
                $"CORS origin '{entry}' is not an origin: use scheme://host[:port], scheme://host:* or *, e.g. http://localhost:3000.");
        }
        return new OriginPattern(uri.Scheme, uri.Host, anyPort ? null : uri.Port, anyPort, false);
    }

    /// <summary>Whether a browser's <c>Origin</c> header value matches this entry.</summary>
    public bool Matches(Uri origin) =>
        AnyOrigin
        || (string.Equals(origin.Scheme, Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(origin.Host, Host, StringComparison.OrdinalIgnoreCase)
            && (AnyPort || origin.Port == Port));

    /// <summary>Reads an <c>Origin</c> header value; null for <c>null</c>, paths, or anything that is not an http(s) origin.</summary>
    public static Uri? ReadOrigin(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Contains(' ')) return null;
        return Uri.TryCreate(header, UriKind.Absolute, out var uri)
               && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
               && uri.PathAndQuery == "/" && !header.EndsWith('/')
            ? uri
            : null;
    }

    /// <summary>Whether a host name or address (as bound, or as in an origin) is loopback.</summary>
    public static bool IsLoopbackHost(string host)
    {
        var bare = host.Trim('[', ']');
        if (string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }
}
