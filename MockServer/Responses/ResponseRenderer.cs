using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>
/// Turns the behaviour's answers and stage errors into bodies of the negotiated media type. A stored
/// application is rendered from its compact record on the way out (nothing is cached per application, which
/// keeps many stored applications small), except the few last read (<see cref="RenderedApplications"/>); a list
/// snapshot and a fixed error cache their bytes.
/// </summary>
public sealed class ResponseRenderer(XmlBodies xml, JsonBodies json)
{
    private readonly RenderedApplications _read = new();

    public ContractXmlNames XmlNames => xml.Names;

    /// <summary>The answer's body; <paramref name="read"/> (a get: likely asked again) keeps an application's body for the next get.</summary>
    public ApiResponse Answer(int status, BehaviourAnswer answer, MediaType type, bool read = false)
    {
        if (answer.Error is { } error) return Error(error, type);
        if (answer.Documented is { } documented)
            return documented.In(type) is { } example ? new(status, type, example.Utf8) : Error(NegotiationError.NotAcceptable, type);
        if (answer.List is { } list) return List(list, type);
        return read ? Read(status, answer.Application, type) : Application(status, answer.Application, type);
    }

    private ApiResponse Read(int status, StoredApplication application, MediaType type)
    {
        if (_read.Find(application, type) is not { } body) _read.Keep(application, type, body = Render(application, type));
        return new(status, type, body);
    }

    public ApiResponse Application(int status, StoredApplication application, MediaType type) => new(status, type, Render(application, type));

    private byte[] Render(StoredApplication application, MediaType type) =>
        type == MediaType.Xml ? xml.Application(application) : json.Application(application);

    /// <summary>Rendered lists larger than this are not kept: a 100 000-application list is 34 MB.</summary>
    public const int MaxCachedListBytes = 1024 * 1024;

    public ApiResponse List(ApplicationListSnapshot snapshot, MediaType type)
    {
        var cached = type == MediaType.Xml ? snapshot.RenderedXml : snapshot.RenderedJson;
        if (cached is not null) return new(200, type, cached);
        ReadOnlyMemory<byte> body = type == MediaType.Xml ? xml.List(snapshot) : json.List(snapshot);
        if (body.Length > MaxCachedListBytes) return new(200, type, body);
        var kept = body.ToArray();
        if (type == MediaType.Xml) snapshot.RenderedXml = kept;
        else snapshot.RenderedJson = kept;
        return new(200, type, kept);
    }

    public ApiResponse Error(StageError error, MediaType type) =>
        new(error.Status, type, type == MediaType.Xml
            ? error.RenderedXml ??= xml.Error(error)
            : error.RenderedJson ??= JsonBodies.Error(error), error.Header);
}
