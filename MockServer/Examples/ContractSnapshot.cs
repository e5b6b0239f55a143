using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// What the mock needs of the contract (examples, path ids, XML names, the field table) as plain data. Reading the contract
/// through the Contract library takes a few hundred milliseconds (one YAML parse into the OpenAPI model); the snapshot
/// is cached beside the server, keyed by the contract file's SHA-256, so later starts read one small JSON file instead.
/// A changed contract has another hash and is read afresh. Each documented example is held once, in its
/// operation's <see cref="SnapshotOperation.RequestExamples"/> or <see cref="SnapshotOperation.ResponseExamples"/>
/// (the instances the contract reader made, or the cache's); cases name theirs, and everything that answers or
/// exports an example refers to that instance.
/// </summary>
public sealed record ContractSnapshot(
    string ContractSha256,
    ContractXmlNames XmlNames,
    IReadOnlyList<SnapshotOperation> Operations,
    ContractFields Fields,
    PinFlowContract? Flow = null)
{
    public const string CacheFileName = "contract-snapshot.json";

    /// <summary>Bumped when the snapshot's shape changes, so a cache written by an older build is read afresh.</summary>
    private const string Format = "14";

    /// <summary>The snapshot of the contract at <paramref name="contractPath"/>, from the cache when it is current.</summary>
    public static ContractSnapshot Load(string? contractPath, string? cacheDirectory)
    {
        var path = Path.GetFullPath(contractPath ?? ContractDocument.DefaultPath);
        var hash = $"{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}-{Format}";
        var cacheFile = cacheDirectory is null ? null : Path.Combine(cacheDirectory, CacheFileName);
        if (cacheFile is not null && TryRead(cacheFile, hash) is { } cached) return cached;

        var snapshot = From(ContractDocument.Load(path), hash);
        if (cacheFile is not null) TryWrite(cacheFile, snapshot);
        return snapshot;
    }

    public static ContractSnapshot From(ContractDocument contract, string sha256)
    {
        var names = contract.XmlNames;
        return new ContractSnapshot(sha256,
            names,
            contract.AllOperations.Select(o => new SnapshotOperation(
                o.OperationId,
                o.PathExamples,
                o.RequestExamples,
                [.. o.Responses.SelectMany(r => r.Examples)],
                o.Throttling)
            {
                Method = o.Method,
                PathTemplate = o.PathTemplate,
                PathParameter = o.PathParameter,
                RequiredRequestFields = o.HasRequestBody ? o.RequiredRequestFields : [],
                BodyRequired = o.RequestBodyRequired,
                Query = o.QueryParameters.Select(q => new SnapshotQueryParameter(q.Name, q.Required, q.IsBoolean, q.Default)).ToList(),
                Cases = o.Cases.Select(c => new SnapshotCase(c.Name, c.Format, c.Statuses, c.PathId, c.Path, c.RequestBody?.Name)
                {
                    Query = c.QueryValues.ToDictionary(),
                }).ToList(),
            }).ToList(),
            contract.Fields,
            PinFlowContract.From(contract));
    }

    public SnapshotOperation Operation(string operationId) =>
        Operations.FirstOrDefault(o => o.OperationId == operationId)
        ?? throw new InvalidDataException($"The contract has no operation '{operationId}'.");

    private static ContractSnapshot? TryRead(string file, string hash)
    {
        try
        {
            if (!File.Exists(file)) return null;
            var snapshot = JsonSerializer.Deserialize(File.ReadAllBytes(file), SnapshotJson.Default.ContractSnapshot);
            return snapshot?.ContractSha256 == hash ? snapshot : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null; // a damaged or unreadable cache is only a slower start
        }
    }

    private static void TryWrite(string file, ContractSnapshot snapshot)
    {
        try
        {
            // Write aside and rename, so a server starting at the same moment never reads half a file.
            var temporary = $"{file}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(snapshot, SnapshotJson.Default.ContractSnapshot));
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only install just starts slower.
        }
    }
}

/// <param name="RequestExamples">The documented request bodies (status null).</param>
/// <param name="ResponseExamples">Every documented response body, in the contract's status order.</param>
public sealed record SnapshotOperation(
    string OperationId,
    IReadOnlyDictionary<string, string> PathExamples,
    IReadOnlyList<ExampleBody> RequestExamples,
    IReadOnlyList<ExampleBody> ResponseExamples,
    TwoFactorContracts.Contract.Throttling? Throttling = null)
{
    /// <summary>Upper-case HTTP method.</summary>
    public string Method { get; init; } = "";

    public string PathTemplate { get; init; } = "";

    public string? PathParameter { get; init; }

    /// <summary>The request body's required top-level properties (a documented request without one is invalid because of it).</summary>
    public IReadOnlyList<string> RequiredRequestFields { get; init; } = [];

    public IReadOnlyList<SnapshotCase> Cases { get; init; } = [];

    /// <summary>The contract's <c>requestBody.required</c>.</summary>
    public bool BodyRequired { get; init; }

    /// <summary>The query parameters the operation takes.</summary>
    public IReadOnlyList<SnapshotQueryParameter> Query { get; init; } = [];

    /// <summary>The documented answer of <paramref name="c"/>: its example at its first status.</summary>
    public ExampleBody AnswerOf(SnapshotCase c) => ResponseExample(c.Statuses[0], c.Name, c.Format);

    /// <summary>The request body <paramref name="c"/> sends, or null for an operation without one.</summary>
    public ExampleBody? RequestOf(SnapshotCase c) =>
        c.RequestExample is { } name
            ? RequestExamples.FirstOrDefault(e => e.Name == name && e.Format == c.Format)
              ?? throw new InvalidDataException($"{OperationId} documents no {c.Format} request example '{name}'.")
            : null;

    public ExampleBody ResponseExample(int status, string name, BodyFormat format) =>
        ResponseExamples.FirstOrDefault(e => e.Status == status && e.Name == name && e.Format == format)
        ?? throw new InvalidDataException($"{OperationId} documents no {format} example '{name}' for status {status}.");
}

/// <summary>
/// The field models and XML names of the message templates and the PIN flow's bodies (null when the contract
/// has no such operations). The template model is what a template stores and answers: the get answer (one schema
/// for every channel), whose fields the SMS or voice create and the email create set. Each template create and update
/// reads its own request (<see cref="TemplateRequests"/>); the send, resend and verify models are their requests only.
/// </summary>
public sealed record PinFlowContract(
    ContractFields Template,
    ContractFields Send,
    ContractFields Resend,
    ContractFields Verify,
    IReadOnlyDictionary<string, ContractXmlRoots> XmlRoots)
{
    /// <summary>The request of each template create and update (what it takes and requires), by operationId.</summary>
    public IReadOnlyDictionary<string, ContractFields> TemplateRequests { get; init; } = new Dictionary<string, ContractFields>();

    /// <summary>The email send's and resend's requests.</summary>
    public ContractFields? EmailSend { get; init; }

    public ContractFields? EmailResend { get; init; }

    /// <summary>The fields an email template's create or update answers (its answer schema's), in JSON names.</summary>
    public IReadOnlyList<string> EmailTemplateAnswer { get; init; } = [];

    /// <summary>The PIN flow's answers (a sent PIN, a verification, the verification status) by operationId: what the mock writes.</summary>
    public IReadOnlyDictionary<string, ContractAnswer> Answers { get; init; } = new Dictionary<string, ContractAnswer>();

    /// <summary>The send outcomes the contract documents and its reserved test numbers.</summary>
    public ContractSendOutcomes SendOutcomes { get; init; } = new([], [], new Dictionary<string, DocumentedOutcome>());

    /// <summary>The answer of a PIN flow operation.</summary>
    public ContractAnswer AnswerOf(Core.Operation operation) =>
        Answers.TryGetValue(operation.Id, out var answer) ? answer : throw new InvalidDataException($"The contract documents no answer of {operation.Id}.");

    public static PinFlowContract? From(ContractDocument contract)
    {
        string Id(Core.Operation operation) => operation.Id;
        if (contract.AllOperations.All(o => o.OperationId != Id(Core.Operation.SendPinOverSms))) return null;
        var templateWrites = new[] { Core.Operation.CreateMessageTemplate, Core.Operation.UpdateMessageTemplate,
            Core.Operation.CreateEmailMessageTemplate, Core.Operation.UpdateEmailMessageTemplate };
        return new PinFlowContract(
            contract.FieldsOf(Id(Core.Operation.CreateMessageTemplate), Id(Core.Operation.GetMessageTemplate))
                .WithRequestFieldsOf(contract.FieldsOf(Id(Core.Operation.CreateEmailMessageTemplate), null)),
            contract.FieldsOf(Id(Core.Operation.SendPinOverSms), null),
            contract.FieldsOf(Id(Core.Operation.ResendPinOverSms), null),
            contract.FieldsOf(Id(Core.Operation.VerifyPin), null),
            Operation.WithBehaviour.Where(o => !o.IsApplicationOperation)
                .ToDictionary(Id, o => contract.XmlRootsOf(Id(o))))
        {
            TemplateRequests = templateWrites.ToDictionary(Id, o => contract.FieldsOf(Id(o), null)),
            EmailSend = contract.FieldsOf(Id(Core.Operation.SendPinOverEmail), null),
            EmailResend = contract.FieldsOf(Id(Core.Operation.ResendPinOverEmail), null),
            EmailTemplateAnswer = [.. contract.AnswerOf(Id(Core.Operation.CreateEmailMessageTemplate)).Fields.Select(f => f.JsonName)],
            Answers = new[] { Core.Operation.SendPinOverSms, Core.Operation.SendPinOverVoice, Core.Operation.ResendPinOverSms, Core.Operation.ResendPinOverVoice,
                    Core.Operation.SendPinOverEmail, Core.Operation.ResendPinOverEmail, Core.Operation.VerifyPin, Core.Operation.GetVerificationStatus }
                .ToDictionary(o => o.Id, o => contract.AnswerOf(o.Id)),
            SendOutcomes = contract.SendOutcomes,
        };
    }

    public ContractXmlRoots RootsOf(Core.Operation operation) =>
        XmlRoots.TryGetValue(operation.Id, out var roots) ? roots
            : throw new InvalidDataException($"The contract has no operation '{operation.Id}'.");
}

/// <summary>One query parameter of an operation, as the contract states it.</summary>
public sealed record SnapshotQueryParameter(string Name, bool Required, bool IsBoolean, string? Default);

/// <summary>
/// One documented case as <see cref="ContractDocument.Cases"/> gives it (the cases the conformance suite
/// replays): the response example of that name and media type, with the request parts paired with it. The
/// examples themselves are its operation's (<see cref="SnapshotOperation.AnswerOf"/>, <see cref="SnapshotOperation.RequestOf"/>).
/// </summary>
/// <param name="RequestExample">The name of the request example the case sends (its own, else <c>basic</c>); null without a body.</param>
public sealed record SnapshotCase(
    string Name,
    BodyFormat Format,
    IReadOnlyList<int> Statuses,
    string? PathId,
    string Path,
    string? RequestExample)
{
    /// <summary>The query parameters the case sends (<c>ncNeeded=false</c>, <c>msisdn=...</c>); often none.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();
}

[JsonSerializable(typeof(ContractSnapshot))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class SnapshotJson : JsonSerializerContext;
