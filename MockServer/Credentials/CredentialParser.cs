using System.Security.Cryptography;
using System.Text;

namespace TwoFactorContracts.MockServer.Credentials;

/// <summary>Parses an Authorization header value into a <see cref="Credential"/>.</summary>
public static class CredentialParser
{
    public static Credential? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var value = header.AsSpan().Trim();
        var space = value.IndexOf(' ');
        if (space <= 0) return null;
        var schemeText = value[..space];
        var token = value[(space + 1)..].Trim();
        if (token.IsEmpty || token.ContainsAny(' ', '\t')) return null;

        CredentialScheme scheme;
        if (schemeText.Equals("Basic", StringComparison.OrdinalIgnoreCase)) scheme = CredentialScheme.Basic;
        else if (schemeText.Equals("App", StringComparison.OrdinalIgnoreCase)) scheme = CredentialScheme.App;
        else if (schemeText.Equals("IBSSO", StringComparison.OrdinalIgnoreCase)) scheme = CredentialScheme.IBSSO;
        else if (schemeText.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) scheme = CredentialScheme.Bearer;
        else return null;

        if (scheme != CredentialScheme.Basic)
        {
            var text = token.ToString();
            return Create(scheme, $"{scheme}:{text}", $"{scheme} {text}");
        }

        var decoded = DecodeBasic(token);
        if (decoded is null) return null;
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return null; // no password separator or an empty username
        return Create(scheme, $"Basic:{decoded[..colon]}", $"Basic {decoded}");
    }

    /// <summary>
    /// Parses a configured credential as written on the command line: "Basic user:password", "App key",
    /// "IBSSO token" or "Bearer token". Returns its canonical form (what <see cref="Credential.Canonical"/> holds).
    /// </summary>
    public static string? CanonicalOfConfigured(string configured)
    {
        var value = configured.Trim();
        var space = value.IndexOf(' ');
        if (space <= 0) return null;
        var scheme = value[..space];
        var rest = value[(space + 1)..].Trim();
        if (rest.Length == 0) return null;
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            // Accept both "Basic user:password" and the encoded header form "Basic dXNlcjpwYXNzd29yZA==".
            var parsed = rest.Contains(':') ? null : Parse("Basic " + rest);
            if (parsed is not null) return parsed.Canonical;
            return rest.IndexOf(':') > 0 ? "Basic " + rest : null;
        }
        return Parse(value)?.Canonical;
    }

    private static string? DecodeBasic(ReadOnlySpan<char> token)
    {
        var bytes = new byte[(token.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(token, bytes, out var length)) return null;
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static Credential Create(CredentialScheme scheme, string account, string canonical)
    {
        // A fingerprint tells accounts apart in journals and logs without revealing the secret.
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical), hash);
        return new Credential(scheme, account, canonical, $"{scheme} #{Convert.ToHexStringLower(hash[..4])}");
    }
}
