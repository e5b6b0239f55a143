using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.Routing;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>A documented response example in both media types, as bytes ready to send.</summary>
public sealed record DocumentedAnswer(string Name, int Status, byte[]? Json, byte[]? Xml)
{
    public byte[]? BodyIn(MediaType type) => type == MediaType.Xml ? Xml : Json;
}

/// <summary>One operation's documented examples, read from the contract once at startup.</summary>
public sealed class OperationExamples
{
    public required Operation Operation { get; init; }

    /// <summary>The documented request bodies (name, media type, text).</summary>
    public required IReadOnlyList<ExampleBody> RequestExamples { get; init; }

    /// <summary>The documented path ids (example name to id).</summary>
    public required IReadOnlyDictionary<string, string> PathExamples { get; init; }

    /// <summary>Every (status, example name) the operation documents, in the contract's status order.</summary>
    public required IReadOnlyList<DocumentedAnswer> Answers { get; init; }
}

/// <summary>
/// The contract's examples, indexed for the pipeline: what Prefer and examples mode serve, what the seed is.
/// Built once at startup; nothing here is looked up by scanning on the hot path.
/// </summary>
public sealed class ExampleCatalog
{
    public const string DefaultExample = ContractOperation.FallbackExample;

    private ExampleCatalog(ContractSnapshot contract, IReadOnlyDictionary<Operation, OperationExamples> operations)
    {
        Contract = contract;
        Operations = operations;
    }

    public ContractSnapshot Contract { get; }

    public IReadOnlyDictionary<Operation, OperationExamples> Operations { get; }

    public static ExampleCatalog FromContract(ContractSnapshot contract)
    {
        var operations = new Dictionary<Operation, OperationExamples>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            // A contract from before the PIN flow has only the application operations: the others are not served.
            if (contract.Operations.FirstOrDefault(o => o.OperationId == Routing.Operations.IdOf(operation)) is not { } documented)
            {
                if (Routing.Operations.IsApplicationOperation(operation)) throw new InvalidDataException($"The contract has no operation '{Routing.Operations.IdOf(operation)}'.");
                continue;
            }
            var answers = new List<DocumentedAnswer>();
            foreach (var response in documented.Responses)
            {
                foreach (var name in response.Examples.Select(e => e.Name).Distinct())
                {
                    answers.Add(new DocumentedAnswer(name, response.Status,
                        BytesOf(response.Examples.FirstOrDefault(e => e.Name == name && e.Format == BodyFormat.Json)),
                        BytesOf(response.Examples.FirstOrDefault(e => e.Name == name && e.Format == BodyFormat.Xml))));
                }
            }
            operations[operation] = new OperationExamples
            {
                Operation = operation,
                RequestExamples = documented.RequestExamples,
                PathExamples = documented.PathExamples,
                Answers = answers,
            };
        }
        return new ExampleCatalog(contract, operations);
    }

    /// <summary>The operation's default answer: its <c>basic</c> example, at <paramref name="preferredStatus"/> when documented there.</summary>
    public DocumentedAnswer DefaultAnswer(Operation operation, int preferredStatus) =>
        Operations[operation].Answers.Where(a => a.Name == DefaultExample)
            .OrderBy(a => a.Status == preferredStatus ? 0 : 1).ThenBy(a => a.Status)
            .FirstOrDefault()
        ?? throw new InvalidDataException($"The contract documents no '{DefaultExample}' response for {Routing.Operations.IdOf(operation)}.");

    private static byte[]? BytesOf(ExampleBody? body) => body is null ? null : Encoding.UTF8.GetBytes(body.Text);
}
