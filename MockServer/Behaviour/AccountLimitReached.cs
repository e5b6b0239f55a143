using TwoFactorContracts.MockServer.Input;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The behaviour for a new account while the store is full (--max-accounts): every operation answers 429
/// and nothing is stored. Accounts already held keep working; a reset makes room.
/// </summary>
public sealed class AccountLimitReached : IApplicationBehaviour
{
    public static readonly AccountLimitReached Instance = new();

    private static readonly ValueTask<Reply> Refused = new(new Reply(Error: BehaviourError.TooManyAccounts));

    private AccountLimitReached() { }

    public ValueTask<Reply> ListAsync(CancellationToken cancellationToken = default) => Refused;

    public ValueTask<Reply> CreateAsync(ParsedBody body, CancellationToken cancellationToken = default) => Refused;

    public ValueTask<Reply> GetAsync(string applicationId, CancellationToken cancellationToken = default) => Refused;

    public ValueTask<Reply> UpdateAsync(ParsedBody body, string applicationId, CancellationToken cancellationToken = default) => Refused;
}
