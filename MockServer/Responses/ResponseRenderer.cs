using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>
/// Turns the behaviour's answers and stage errors into bodies of the negotiated media type. A stored
/// application is rendered from its compact record on the way out (nothing is cached per application, which
/// keeps many stored applications small); a list snapshot and a fixed error cache their bytes.
/// </summary>
public sealed class ResponseRenderer(XmlBodies xml, JsonBodies json)
{
    public ContractXmlNames XmlNames => xml.Names;

    public ApiResponse Answer(int status, BehaviourAnswer answer, MediaType type)
    {
        if (answer.Error is { } error) return Error(error, type);
        if (answer.Documented is { } documented)
            return documented.In(type) is { } example ? new(status, type, example.Utf8) : Error(NegotiationError.NotAcceptable, type);
        if (answer.List is { } list) return List(list, type);
        return Application(status, answer.Application, type);
    }

    public ApiResponse Application(int status, StoredApplication application, MediaType type) =>
        new(status, type, type == MediaType.Xml ? xml.Application(application) : json.Application(application));

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
