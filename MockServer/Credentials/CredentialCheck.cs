using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;

namespace TwoFactorContracts.MockServer.Credentials;

/// <summary>
/// The credentials stage: a request needs a well-formed credential and, when credentials are configured,
/// one of those. Results are cached by header value (clients repeat theirs), so the hot path does one lookup.
/// </summary>
public sealed class CredentialCheck
{
    private const int MaxCached = 10_000;
    private readonly HashSet<string>? _accepted;
    private readonly ConcurrentDictionary<string, Credential?> _cache = new(StringComparer.Ordinal);

    public CredentialCheck(IEnumerable<string>? acceptedCredentials)
    {
        if (acceptedCredentials is null) return;
        _accepted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var configured in acceptedCredentials)
        {
            var canonical = CredentialParser.CanonicalOfConfigured(configured)
                ?? throw new ArgumentException(NotACredential(configured));
            _accepted.Add(canonical);
        }
    }

    /// <summary>Whether only configured credentials are accepted.</summary>
    public bool Restricted => _accepted is not null;

    public bool TryCheck(string? authorization, out Credential credential, [NotNullWhen(false)] out CredentialsError? error)
    {
        var found = authorization is null ? null : Lookup(authorization);
        if (found is null || (_accepted is not null && !_accepted.Contains(found.Canonical)))
        {
            credential = null!;
            error = CredentialsError.Unauthorized;
            return false;
        }
        credential = found;
        error = null;
        return true;
    }

    private Credential? Lookup(string authorization)
    {
        if (_cache.TryGetValue(authorization, out var cached)) return cached;
        var parsed = CredentialParser.Parse(authorization);
        if (_cache.Count < MaxCached) _cache.TryAdd(authorization, parsed);
        return parsed;
    }

    /// <summary>The one-line complaint about a configured credential that is not one; never echoes its secret.</summary>
    internal static string NotACredential(string configured) =>
        $"Not a credential: '{Mask(configured)}'. Use 'Basic user:password', 'App <key>', 'IBSSO <token>' or 'Bearer <token>'.";

    private static string Mask(string configured)
    {
        var space = configured.IndexOf(' ');
        return space > 0 ? configured[..space] + " ***" : "***";
    }
}
