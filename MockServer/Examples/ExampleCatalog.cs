using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// One documented answer: an example name at one status, in each media type the contract documents it in. Refers
/// to the contract's examples (their bytes are what is sent); at least one of the two is set.
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
/// Built once at startup over the contract's examples; nothing here is looked up by scanning on the hot path.
/// </summary>
public sealed class ExampleCatalog
{
    public const string DefaultExample = ContractOperation.FallbackExample;

    private ExampleCatalog(IReadOnlyDictionary<Operation, IReadOnlyList<DocumentedAnswer>> answers) => Answers = answers;

    /// <summary>Every (status, example name) each operation documents, in the contract's status order.</summary>
    public IReadOnlyDictionary<Operation, IReadOnlyList<DocumentedAnswer>> Answers { get; }

    public static ExampleCatalog FromContract(ContractDocument contract)
    {
        // Every operation of the contract: those the mock has behaviour for and any other it documents. A contract from
        // before the PIN flow has only the application operations, which every contract must have.
        var missing = Operation.WithBehaviour.Where(o => o.IsApplicationOperation && contract.AllOperations.All(d => d.OperationId != o.Id)).ToList();
        if (missing.Count > 0) throw new InvalidDataException($"The contract has no operation '{missing[0].Id}'.");
        var operations = contract.AllOperations.ToDictionary(d => Operation.Of(d.OperationId), d => (IReadOnlyList<DocumentedAnswer>)d.ResponseExamples
            .GroupBy(e => (e.Status, e.Name))
            .Select(g => new DocumentedAnswer(g.FirstOrDefault(e => e.Format == BodyFormat.Json), g.FirstOrDefault(e => e.Format == BodyFormat.Xml)))
            .ToList());
        return new ExampleCatalog(operations);
    }

    /// <summary>The operation's default answer: its <c>basic</c> example, at <paramref name="preferredStatus"/> when documented there.</summary>
    public DocumentedAnswer DefaultAnswer(Operation operation, int preferredStatus) =>
        Answers[operation].Where(a => a.Name == DefaultExample)
            .OrderBy(a => a.Status == preferredStatus ? 0 : 1).ThenBy(a => a.Status)
            .FirstOrDefault()
        ?? throw new InvalidDataException($"The contract documents no '{DefaultExample}' response for {operation.Id}.");
}
