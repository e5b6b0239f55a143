namespace TwoFactorContracts.MockServer.Credentials;

/// <summary>The credential schemes the API accepts in the Authorization header.</summary>
public enum CredentialScheme
{
    Basic,
    App,
    IBSSO,
    Bearer,
}

/// <summary>
/// A well-formed credential. <see cref="Account"/> identifies whose applications a request sees (Basic: the
/// username; the other schemes: the token). <see cref="Masked"/> is safe to print: scheme and a fingerprint.
/// </summary>
public sealed record Credential(CredentialScheme Scheme, string Account, string Canonical, string Masked);
