using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// The credentials the proxy has seen pass (each request's Authorization): every report text is masked with all of
/// them, the way <c>tfc verify</c> masks its configured ones (<see cref="CredentialMask"/>).
/// </summary>
public sealed class SeenCredentials
{
    /// <summary>The most distinct credentials remembered; past it the oldest is forgotten (a long run with rotating tokens).</summary>
    public const int Limit = 1000;

    private readonly Lock _lock = new();
    private readonly LinkedList<string> _seen = new();
    private readonly HashSet<string> _set = [];
    private CredentialMask _mask = new([]);

    public CredentialMask Mask => _mask;

    public void See(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return;
        lock (_lock)
        {
            if (!_set.Add(authorization)) return;
            _seen.AddLast(authorization);
            if (_seen.Count > Limit)
            {
                _set.Remove(_seen.First!.Value);
                _seen.RemoveFirst();
            }
            _mask = new CredentialMask(_seen);
        }
    }
}
