using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Credentials;

/// <summary>
/// A rule of the credentials stage (--forbidden-credential): these well-formed credentials are known but may
/// not use the API, and get 403 FORBIDDEN (as the contract documents it) on every operation, before anything
/// is read, counted or changed.
/// </summary>
public sealed class ForbiddenCredentials
{
    private readonly HashSet<string> _canonical = new(StringComparer.Ordinal);

    public ForbiddenCredentials(IEnumerable<string> configured, StageError forbidden)
    {
        Error = forbidden;
        foreach (var credential in configured)
            _canonical.Add(CredentialParser.CanonicalOfConfigured(credential)
                ?? throw new ArgumentException($"--forbidden-credential: {CredentialCheck.NotACredential(credential)}"));
    }

    /// <summary>The answer to a forbidden credential.</summary>
    public StageError Error { get; }

    public bool Forbids(Credential credential) => _canonical.Contains(credential.Canonical);
}
