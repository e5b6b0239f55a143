using System.Text;

namespace TwoFactorContracts.HardeningTests.Security;

/// <summary>
/// Credentials of every scheme carrying recognisable secrets, and every form a secret could leak in (as sent,
/// base64 of it, the base64 Basic token).
/// </summary>
public sealed class Secrets
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    public string BasicUser => $"user{_run}";

    public string BasicPassword => $"BASICPW{_run}";

    public string AppKey => $"APPKEY{_run}";

    public string IbssoToken => $"IBSSO{_run}";

    public string BearerToken => $"BEARER{_run}";

    public string AdminPassword => $"ADMINPW{_run}";

    public string BasicHeader => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BasicUser}:{BasicPassword}"));

    /// <summary>Well-formed credentials of each scheme, and malformed ones that still carry a secret.</summary>
    public IEnumerable<string> Headers =>
    [
        BasicHeader, $"App {AppKey}", $"IBSSO {IbssoToken}", $"Bearer {BearerToken}",
        $"App {AppKey}X extra", $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(BasicPassword))}", $"Digest {AppKey}",
    ];

    /// <summary>Strings that must never appear in output: each secret and the encoded Basic token.</summary>
    public IEnumerable<string> Forbidden =>
    [
        BasicPassword, AppKey, IbssoToken, BearerToken, AdminPassword, BasicHeader["Basic ".Length..],
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{AdminPassword}")),
    ];

    public void ShouldNotLeakInto(string text, string where)
    {
        foreach (var secret in Forbidden) text.ShouldNotContain(secret, Case.Sensitive, $"a credential leaked into {where}");
    }
}
