using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The stateful behaviour of one account in this process's store (--store memory, the default), implementing
/// the controller interface NSwag generates from the contract (a contract change is a compile error here).
/// Requests arrive validated and normalised; every task completes at once (the hot path never awaits).
/// </summary>
public sealed class StatefulApplications(AccountApplications account) : IApplicationsController
{
    private static readonly Task<ApplicationResponse> NotFound = Task.FromException<ApplicationResponse>(new BehaviourException(BehaviourError.ApplicationNotFound));

    public Task<List<ApplicationResponse>> ListApplicationsAsync(CancellationToken cancellationToken = default) => account.ListAsTask();

    public Task<ApplicationResponse> CreateApplicationAsync(ApplicationRequest body, CancellationToken cancellationToken = default) =>
        Task.FromResult(account.Add(id => ApplicationChanges.Created(body, id)));

    public Task<ApplicationResponse> GetApplicationAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var found = account.Find(applicationId);
        return found is null ? NotFound : found.CompletedTask ??= Task.FromResult(found);
    }

    public Task<ApplicationResponse> UpdateApplicationAsync(ApplicationRequest body, string applicationId, CancellationToken cancellationToken = default)
    {
        var updated = account.Replace(applicationId, current => ApplicationChanges.Updated(current, body));
        return updated is null ? NotFound : Task.FromResult(updated);
    }
}
