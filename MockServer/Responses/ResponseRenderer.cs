using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>The writers of an operation that answers records (applications, templates): its model's JSON and XML, under the operation's XML names.</summary>
public sealed record RecordBodies(XmlBodies Xml, JsonBodies Json);

/// <summary>
/// Turns every operation's reply, and every stage's error, into a body of the negotiated media type. A stored record
/// is rendered from its compact form on the way out (nothing is cached per record, which keeps many stored
/// applications small), except the few last read (<see cref="RenderedApplications"/>); a list snapshot and a fixed
/// error cache their bytes. The PIN flow's answers are written by the contract's answer schemas (<see cref="AnswerBodies"/>).
/// </summary>
public sealed class ResponseRenderer
{
    private readonly RenderedApplications _read = new();
    private readonly RecordBodies?[] _records = new RecordBodies?[Operation.Count];
    private readonly AnswerBodies?[] _answers = new AnswerBodies?[Operation.Count];
    private readonly XmlBodies _errors;

    /// <param name="errors">Writes the error envelope (its XML root is the contract's error root).</param>
    /// <param name="records">The writers of each operation that answers records.</param>
    /// <param name="answers">The writers of each operation that answers anything else (the PIN flow's), by the contract's answer schema.</param>
    public ResponseRenderer(XmlBodies errors, IReadOnlyDictionary<Operation, RecordBodies> records, IReadOnlyDictionary<Operation, AnswerBodies> answers)
    {
        _errors = errors;
        foreach (var (operation, bodies) in records) _records[operation.Index] = bodies;
        foreach (var (operation, bodies) in answers) _answers[operation.Index] = bodies;
    }

    /// <summary>A renderer of the application operations only.</summary>
    public ResponseRenderer(XmlBodies xml, JsonBodies json)
        : this(xml, Operation.WithBehaviour.Where(o => o.IsApplicationOperation).ToDictionary(o => o, _ => new RecordBodies(xml, json)), new Dictionary<Operation, AnswerBodies>())
    {
    }

    public ApiResponse Answer(Operation operation, int status, in Reply reply, MediaType type)
    {
        if (reply.Error is { } error) return Error(error, type);
        if (reply.Documented is { } documented)
            return documented.In(type) is { } example ? new(status, type, example.Utf8) : Error(NegotiationError.NotAcceptable, type);
        if (reply.List is { } list) return List(RecordsOf(operation), list, type);
        // A get is likely asked again: its body is kept for the next get of the same version.
        if (!reply.Record.IsEmpty)
            return operation == Operation.GetApplication || operation == Operation.GetMessageTemplate
                ? Read(RecordsOf(operation), status, reply.Record, type)
                : new(status, type, Render(RecordsOf(operation), reply.Record, type));
        var source = reply.Sent is { } sent ? PinAnswers.Of(sent)
            : reply.Verification is { } verification ? PinAnswers.Of(verification)
            : PinAnswers.Of(reply.Verifications ?? []);
        var answer = (operation.Index < _answers.Length ? _answers[operation.Index] : null)
            ?? throw new InvalidOperationException($"{operation.Id} answers nothing this renderer writes.");
        return new(status, type, type == MediaType.Xml ? answer.Xml(source) : answer.Json(source));
    }

    private ApiResponse Read(RecordBodies bodies, int status, StoredRecord record, MediaType type)
    {
        if (_read.Find(record, type) is not { } body) _read.Keep(record, type, body = Render(bodies, record, type));
        return new(status, type, body);
    }

    private static byte[] Render(RecordBodies bodies, StoredRecord record, MediaType type) =>
        type == MediaType.Xml ? bodies.Xml.Application(record) : bodies.Json.Application(record);

    /// <summary>Rendered lists larger than this are not kept: a 100 000-application list is 34 MB.</summary>
    public const int MaxCachedListBytes = 1024 * 1024;

    private static ApiResponse List(RecordBodies bodies, ApplicationListSnapshot snapshot, MediaType type)
    {
        var cached = type == MediaType.Xml ? snapshot.RenderedXml : snapshot.RenderedJson;
        if (cached is not null) return new(200, type, cached);
        ReadOnlyMemory<byte> body = type == MediaType.Xml ? bodies.Xml.List(snapshot) : bodies.Json.List(snapshot);
        if (body.Length > MaxCachedListBytes) return new(200, type, body);
        var kept = body.ToArray();
        if (type == MediaType.Xml) snapshot.RenderedXml = kept;
        else snapshot.RenderedJson = kept;
        return new(200, type, kept);
    }

    public ApiResponse Error(StageError error, MediaType type) =>
        new(error.Status, type, type == MediaType.Xml
            ? error.RenderedXml ??= _errors.Error(error)
            : error.RenderedJson ??= JsonBodies.Error(error), error.Header);

    private RecordBodies RecordsOf(Operation operation) =>
        (operation.Index < _records.Length ? _records[operation.Index] : null) ?? throw new InvalidOperationException($"{operation.Id} answers no record.");
}
