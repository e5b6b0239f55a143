using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.State.Redis;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The stateful behaviour of one account in the store every replica shares (--store redis://): the same
/// changes as <see cref="StatefulApplications"/> (<see cref="ApplicationChanges"/>), answered once Redis has.
/// A store that does not answer in time gives 503 (<see cref="StoreError"/>); a new account beyond
/// --max-accounts (all replicas) 429.
/// </summary>
public sealed class SharedStatefulApplications(RedisApplicationStore store, string account, StatefulRules rules) : IApplicationBehaviour
{
    public ValueTask<Reply> ListAsync(CancellationToken cancellationToken = default) =>
        Answer(async () => new Reply(List: await store.ListAsync(account).ConfigureAwait(false)));

    public ValueTask<Reply> CreateAsync(ParsedBody body, CancellationToken cancellationToken = default) =>
        Answer(async () => await store.AddAsync(account, id => ApplicationChanges.Created(body, id, rules)).ConfigureAwait(false));

    public ValueTask<Reply> GetAsync(string applicationId, CancellationToken cancellationToken = default) =>
        Answer(async () => Found(await store.FindAsync(account, applicationId).ConfigureAwait(false)));

    public ValueTask<Reply> UpdateAsync(ParsedBody body, string applicationId, CancellationToken cancellationToken = default) =>
        Answer(async () => Found(await store.ReplaceAsync(account, applicationId, current => ApplicationChanges.Updated(current, body)).ConfigureAwait(false)));

    private Reply Found(StoredRecord application) =>
        application.IsEmpty ? new Reply(Error: rules.NotFound) : application;

    private static async ValueTask<Reply> Answer(Func<Task<Reply>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return new Reply(Error: StoreError.Unreachable);
        }
        catch (StoreFullException)
        {
            return new Reply(Error: BehaviourError.TooManyAccounts);
        }
    }
}
