using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The stateful behaviour of one account in this process's store (--store memory, the default). Requests
/// arrive validated and normalised; every answer is ready at once (the hot path never awaits).
/// </summary>
public sealed class StatefulApplications(AccountApplications account, StatefulRules rules) : IApplicationBehaviour
{
    public ValueTask<Reply> ListAsync(CancellationToken cancellationToken = default) =>
        new(new Reply(List: account.ListAsTask().Result));

    public ValueTask<Reply> CreateAsync(ParsedBody body, CancellationToken cancellationToken = default) =>
        new(account.Add(id => ApplicationChanges.Created(body, id, rules)));

    public ValueTask<Reply> GetAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var found = account.Find(applicationId);
        return new(found.IsEmpty ? new Reply(Error: rules.NotFound) : found);
    }

    public ValueTask<Reply> UpdateAsync(ParsedBody body, string applicationId, CancellationToken cancellationToken = default)
    {
        var updated = account.Replace(applicationId, current => ApplicationChanges.Updated(current, body));
        return new(updated.IsEmpty ? new Reply(Error: rules.NotFound) : updated);
    }
}

/// <summary>How the stateful behaviour answers where the flavours differ: the 404 error and whether a create issues a processId.</summary>
public sealed class StatefulRules(BehaviourError notFound, bool issuesProcessIds)
{
    public static readonly StatefulRules Seed = new(BehaviourError.ApplicationNotFound, issuesProcessIds: true);

    public BehaviourError NotFound { get; } = notFound;

    public bool IssuesProcessIds { get; } = issuesProcessIds;
}
