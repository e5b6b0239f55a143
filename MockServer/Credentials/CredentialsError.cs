using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Credentials;

/// <summary>Missing, malformed or not accepted credentials: the API's 401.</summary>
public sealed class CredentialsError : StageError
{
    private CredentialsError() : base(401, "UNAUTHORIZED", "Invalid login details") { }

    public static readonly CredentialsError Unauthorized = new();
}
