using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The stateful behaviour of one account in this process's store (--store memory, the default), implementing
/// the controller interface NSwag generates from the contract (a contract change is a compile error here).
/// Requests arrive validated and normalised; every task completes at once (the hot path never awaits).
/// </summary>
public sealed class StatefulApplications(AccountApplications account, StatefulRules rules) : IApplicationsController
{
    public StatefulApplications(AccountApplications account) : this(account, StatefulRules.Seed) { }

    private Task<ApplicationResponse> NotFound => rules.NotFound;

    public Task<List<ApplicationResponse>> ListApplicationsAsync(CancellationToken cancellationToken = default) => account.ListAsTask();

    public Task<ApplicationResponse> CreateApplicationAsync(ApplicationRequest body, CancellationToken cancellationToken = default) =>
        Task.FromResult(account.Add(id => ApplicationChanges.Created(body, id, rules)));

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

/// <summary>How the stateful behaviour answers where the flavours differ: the 404 error and whether a create issues a processId.</summary>
public sealed class StatefulRules(BehaviourError notFound, bool issuesProcessIds)
{
    public static readonly StatefulRules Seed = new(BehaviourError.ApplicationNotFound, issuesProcessIds: true);

    public BehaviourError NotFoundError { get; } = notFound;

    public Task<ApplicationResponse> NotFound { get; } = Task.FromException<ApplicationResponse>(new BehaviourException(notFound));

    public bool IssuesProcessIds { get; } = issuesProcessIds;
}
