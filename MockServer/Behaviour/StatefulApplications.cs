using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The stateful behaviour of one account. Create fills every field the request left out with the contract's
/// default; update keeps the current value of every field it left out. Both walk the field model.
/// </summary>
public sealed class StatefulApplications(AccountApplications account, StatefulRules rules) : IApplicationBehaviour
{
    public ValueTask<BehaviourAnswer> ListAsync(CancellationToken cancellationToken = default) =>
        new(new BehaviourAnswer(List: account.ListAsTask().Result));

    public ValueTask<BehaviourAnswer> CreateAsync(ParsedApplication body, CancellationToken cancellationToken = default)
    {
        var model = body.Model;
        var values = new FieldValue[model.Stored.Length];
        foreach (var field in model.Stored) values[field.StoredIndex] = field.Default;
        var issued = new byte[]?[model.Issued.Length];
        if (rules.IssuesProcessIds)
            for (var i = 0; i < issued.Length; i++) issued[i] = ApplicationIds.NewBytes();
        var created = account.Add(id => StoredApplication.Build(model, id, issued, Merge(values, body)));
        return new(created);
    }

    public ValueTask<BehaviourAnswer> GetAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        var found = account.Find(applicationId);
        return new(found.IsEmpty ? new BehaviourAnswer(Error: rules.NotFound) : found);
    }

    public ValueTask<BehaviourAnswer> UpdateAsync(ParsedApplication body, string applicationId, CancellationToken cancellationToken = default)
    {
        var model = body.Model;
        var updated = account.Replace(applicationId, current =>
            StoredApplication.Build(model, current.Bytes.AsSpan(0, ApplicationModel.IdBytes), current.IssuedIds(model), Merge(current.ReadAll(model), body)));
        return new(updated.IsEmpty ? new BehaviourAnswer(Error: rules.NotFound) : updated);
    }

    /// <summary>Every field the request carried replaces the value in <paramref name="values"/>.</summary>
    private static FieldValue[] Merge(FieldValue[] values, ParsedApplication body)
    {
        foreach (var field in body.Model.Stored)
            if (body[field].Present) values[field.StoredIndex] = body[field];
        return values;
    }
}

/// <summary>How the stateful behaviour answers where the flavours differ: the 404 error and whether a create issues a processId.</summary>
public sealed class StatefulRules(BehaviourError notFound, bool issuesProcessIds)
{
    public static readonly StatefulRules Seed = new(BehaviourError.ApplicationNotFound, issuesProcessIds: true);

    public BehaviourError NotFound { get; } = notFound;

    public bool IssuesProcessIds { get; } = issuesProcessIds;
}
