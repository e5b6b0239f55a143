using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.State;

/// <summary>
/// The shared store (Redis) did not answer in time: 503 in the API's envelope, with Retry-After, instead of a
/// hang or a 500. Nothing is written in part: each change is one atomic script that ran whole or not at all.
/// </summary>
public sealed class StoreError : StageError
{
    private StoreError() : base(503, "SERVICE_UNAVAILABLE", "The mock's store (Redis) is unreachable. Try again shortly.") { }

    public static readonly StoreError Unreachable = new();

    public override KeyValuePair<string, string>? Header => new("Retry-After", "1");
}

/// <summary>The shared store did not answer (connection lost, timed out, or refused the command).</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>A new account while the shared store already holds --max-accounts (counted over every replica).</summary>
public sealed class StoreFullException() : Exception("The store holds the most accounts allowed.");
