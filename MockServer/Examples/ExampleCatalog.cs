using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// One documented answer: an example name at one status, in each media type the contract documents it in. Refers
/// to the snapshot's examples (their bytes are what is sent); at least one of the two is set.
/// </summary>
public sealed record DocumentedAnswer(ExampleBody? Json, ExampleBody? Xml)
{
    private ExampleBody Either => Json ?? Xml ?? throw new InvalidOperationException("A documented answer needs a JSON or an XML example.");

    public string Name => Either.Name;

    public int Status => Either.Status ?? throw new InvalidOperationException($"The example '{Name}' is a request example, not an answer.");

    /// <summary>The example in <paramref name="type"/>, or null when the contract documents it only in the other.</summary>
    public ExampleBody? In(MediaType type) => type == MediaType.Xml ? Xml : Json;
}

/// <summary>
/// The contract's response examples, indexed for the pipeline: what Prefer and examples mode serve, what the seed is.
/// Built once at startup over the snapshot's examples; nothing here is looked up by scanning on the hot path.
/// </summary>
public sealed class ExampleCatalog
{
    public const string DefaultExample = ContractOperation.FallbackExample;

    private ExampleCatalog(IReadOnlyDictionary<Operation, IReadOnlyList<DocumentedAnswer>> answers) => Answers = answers;

    /// <summary>Every (status, example name) each operation documents, in the contract's status order.</summary>
    public IReadOnlyDictionary<Operation, IReadOnlyList<DocumentedAnswer>> Answers { get; }

    public static ExampleCatalog FromContract(ContractSnapshot contract)
    {
        var operations = new Dictionary<Operation, IReadOnlyList<DocumentedAnswer>>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            // A contract from before the PIN flow has only the application operations: the others are not served.
            if (contract.Operations.FirstOrDefault(o => o.OperationId == Core.Operations.IdOf(operation)) is not { } documented)
            {
                if (Core.Operations.IsApplicationOperation(operation)) throw new InvalidDataException($"The contract has no operation '{Core.Operations.IdOf(operation)}'.");
                continue;
            }
            operations[operation] = documented.ResponseExamples
                .GroupBy(e => (e.Status, e.Name))
                .Select(g => new DocumentedAnswer(g.FirstOrDefault(e => e.Format == BodyFormat.Json), g.FirstOrDefault(e => e.Format == BodyFormat.Xml)))
                .ToList();
        }
        return new ExampleCatalog(operations);
    }

    /// <summary>The operation's default answer: its <c>basic</c> example, at <paramref name="preferredStatus"/> when documented there.</summary>
    public DocumentedAnswer DefaultAnswer(Operation operation, int preferredStatus) =>
        Answers[operation].Where(a => a.Name == DefaultExample)
            .OrderBy(a => a.Status == preferredStatus ? 0 : 1).ThenBy(a => a.Status)
            .FirstOrDefault()
        ?? throw new InvalidDataException($"The contract documents no '{DefaultExample}' response for {Core.Operations.IdOf(operation)}.");
}
