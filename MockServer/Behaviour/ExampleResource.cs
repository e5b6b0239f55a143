using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// Examples mode, for every operation: a valid request that no documented case matched gets the operation's default
/// documented answer (<c>basic</c>, at <paramref name="createStatus"/> for a create that documents it there).
/// </summary>
public sealed class ExampleResource(ExampleCatalog catalog, int createStatus) : IResourceBehaviour
{
    private readonly Dictionary<Operation, ValueTask<Reply>> _answers = catalog.Answers.Keys.ToDictionary(o => o,
        o => new ValueTask<Reply>(new Reply(Documented: catalog.DefaultAnswer(o, o == Operation.CreateApplication ? createStatus : 200))));

    public ValueTask<Reply> AnswerAsync(Call call, CancellationToken cancellationToken = default) => _answers[call.Operation];
}
