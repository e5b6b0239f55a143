namespace TwoFactorContracts.MockServer.State;

/// <summary>
/// Where the applications live: in this process (<see cref="ApplicationStore"/>, the default) or shared by
/// every replica on one Redis (<see cref="Redis.RedisApplicationStore"/>). The host resets it, asks it for
/// health and disposes it; the behaviour stage reads and writes it.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>How the store is named in the startup line: never with a password.</summary>
    string Description { get; }

    /// <summary>Null while the store answers; otherwise why it does not (shown by /__admin/health).</summary>
    string? Problem { get; }

    /// <summary>Back to the seed for every account (for a shared store: for every replica). Throws <see cref="StoreUnavailableException"/>.</summary>
    void Reset();
}
