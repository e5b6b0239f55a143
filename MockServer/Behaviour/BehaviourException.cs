using TwoFactorContracts.MockServer.Pipeline;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>An error the behaviour answers with (e.g. 404 APPLICATION_NOT_FOUND).</summary>
public sealed class BehaviourError : StageError
{
    public BehaviourError(int status, string messageId, string text) : base(status, messageId, text) { }

    public static readonly BehaviourError ApplicationNotFound = new(404, "APPLICATION_NOT_FOUND", "Application with given id cannot be found.");

    /// <summary>A new account while the store holds --max-accounts: the API's own 429 text.</summary>
    public static readonly BehaviourError TooManyAccounts = new(429, "TOO_MANY_REQUESTS", "Too many requests");
}

/// <summary>
/// Carries a <see cref="BehaviourError"/> out of an <c>IApplicationsController</c> method, whose generated
/// signature can only return the success type.
/// </summary>
public sealed class BehaviourException(StageError error) : Exception(error.ToString())
{
    public StageError Error { get; } = error;
}
