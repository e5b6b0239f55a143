using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Input;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The examples-mode behaviour: every valid request that is not itself documented gets the operation's
/// default documented answer (<c>basic</c>): the contract's example bytes in the negotiated media type.
/// </summary>
public sealed class ExampleApplications(ExampleCatalog catalog, int createStatus) : IApplicationBehaviour
{
    private readonly ValueTask<BehaviourAnswer> _list = Answer(catalog.DefaultAnswer(Operation.ListApplications, 200));
    private readonly ValueTask<BehaviourAnswer> _created = Answer(catalog.DefaultAnswer(Operation.CreateApplication, createStatus));
    private readonly ValueTask<BehaviourAnswer> _got = Answer(catalog.DefaultAnswer(Operation.GetApplication, 200));
    private readonly ValueTask<BehaviourAnswer> _updated = Answer(catalog.DefaultAnswer(Operation.UpdateApplication, 200));

    public ValueTask<BehaviourAnswer> ListAsync(CancellationToken cancellationToken = default) => _list;

    public ValueTask<BehaviourAnswer> CreateAsync(ParsedApplication body, CancellationToken cancellationToken = default) => _created;

    public ValueTask<BehaviourAnswer> GetAsync(string applicationId, CancellationToken cancellationToken = default) => _got;

    public ValueTask<BehaviourAnswer> UpdateAsync(ParsedApplication body, string applicationId, CancellationToken cancellationToken = default) => _updated;

    private static ValueTask<BehaviourAnswer> Answer(DocumentedAnswer answer) => new(new BehaviourAnswer(Documented: answer));
}
