using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.State.Redis;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The stateful behaviour of one account in the store every replica shares (--store redis://): the same
/// changes as <see cref="StatefulApplications"/>, answered once Redis has. A store that does not answer
/// in time gives 503 (<see cref="StoreError"/>); a new account beyond --max-accounts (all replicas) 429.
/// </summary>
public sealed class SharedStatefulApplications(RedisApplicationStore store, string account, StatefulRules rules) : IApplicationsController
{
    public Task<List<ApplicationResponse>> ListApplicationsAsync(CancellationToken cancellationToken = default) =>
        Answer(store.ListAsync(account));

    public Task<ApplicationResponse> CreateApplicationAsync(ApplicationRequest body, CancellationToken cancellationToken = default) =>
        Answer(store.AddAsync(account, id => ApplicationChanges.Created(body, id, rules)));

    public Task<ApplicationResponse> GetApplicationAsync(string applicationId, CancellationToken cancellationToken = default) =>
        Found(store.FindAsync(account, applicationId));

    public Task<ApplicationResponse> UpdateApplicationAsync(ApplicationRequest body, string applicationId, CancellationToken cancellationToken = default) =>
        Found(store.ReplaceAsync(account, applicationId, current => ApplicationChanges.Updated(current, body)));

    private async Task<ApplicationResponse> Found(Task<ApplicationResponse?> work) =>
        await Answer(work).ConfigureAwait(false) ?? throw new BehaviourException(rules.NotFoundError);

    private static async Task<T> Answer<T>(Task<T> work)
    {
        try
        {
            return await work.ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            throw new BehaviourException(StoreError.Unreachable);
        }
        catch (StoreFullException)
        {
            throw new BehaviourException(BehaviourError.TooManyAccounts);
        }
    }
}
