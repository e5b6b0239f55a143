using System.Text;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>Replaces every form of the configured credential (header value, token, decoded Basic parts) with ***.</summary>
public sealed class CredentialMask
{
    private const string Masked = "***";
    private readonly string[] _secrets;

    public CredentialMask(string authorization) : this([authorization])
    {
    }

    /// <summary>Masks every one of the credentials (the run's, and a forbidden one when given).</summary>
    public CredentialMask(IEnumerable<string?> authorizations)
    {
        var secrets = new List<string>();
        foreach (var authorization in authorizations.OfType<string>()) Add(secrets, authorization);
        // Longest first, so a token inside the whole header value is not half-replaced.
        _secrets = secrets.Where(s => s.Length >= 4).Distinct().OrderByDescending(s => s.Length).ToArray();
    }

    private static void Add(List<string> secrets, string authorization)
    {
        secrets.Add(authorization);
        var space = authorization.IndexOf(' ');
        if (space > 0)
        {
            var token = authorization[(space + 1)..].Trim();
            secrets.Add(token);
            if (authorization[..space].Equals("Basic", StringComparison.OrdinalIgnoreCase) && TryDecode(token) is { } pair)
            {
                secrets.Add(pair);
                var colon = pair.IndexOf(':');
                if (colon >= 0 && colon < pair.Length - 1) secrets.Add(pair[(colon + 1)..]);
            }
        }
    }

    public string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        foreach (var secret in _secrets)
            text = text.Replace(secret, Masked, StringComparison.Ordinal);
        return text;
    }

    private static string? TryDecode(string base64)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(base64)); }
        catch (FormatException) { return null; }
    }
}
