using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>An error the behaviour answers with (e.g. 404 APPLICATION_NOT_FOUND).</summary>
public sealed class BehaviourError : StageError
{
    public BehaviourError(int status, string messageId, string text) : base(status, messageId, text) { }

    public static readonly BehaviourError ApplicationNotFound = new(404, "APPLICATION_NOT_FOUND", "Application with given id cannot be found.");

    /// <summary>A new account while the store holds --max-accounts: the API's own 429 text.</summary>
    public static readonly BehaviourError TooManyAccounts = new(429, "TOO_MANY_REQUESTS", "Too many requests");
}
