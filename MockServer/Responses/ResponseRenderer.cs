using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>
/// Turns the behaviour's results and stage errors into bodies of the negotiated media type, caching the bytes
/// on the (immutable) object rendered, so an unchanged application or list is serialized once.
/// </summary>
public sealed class ResponseRenderer(XmlBodies xml)
{
    public ContractXmlNames XmlNames => xml.Names;

    /// <summary>
    /// One application. Bodies are cached on the application when <paramref name="cache"/> (a get: likely
    /// asked again); a create or update answer is rendered once and not kept, which keeps many stored
    /// applications small.
    /// </summary>
    public ApiResponse Application(int status, ApplicationResponse application, MediaType type, bool cache = true)
    {
        if (type == MediaType.Xml)
            return new(status, type, application.RenderedXml ?? (cache ? application.RenderedXml = xml.Application(application) : xml.Application(application)));
        return new(status, type, application.RenderedJson ?? (cache ? application.RenderedJson = JsonBodies.Application(application) : JsonBodies.Application(application)));
    }

    /// <summary>Rendered lists larger than this are not kept: a 100 000-application list is 34 MB.</summary>
    public const int MaxCachedListBytes = 1024 * 1024;

    public ApiResponse List(List<ApplicationResponse> applications, MediaType type)
    {
        if (applications is not ApplicationListSnapshot snapshot)
            return new(200, type, type == MediaType.Xml ? xml.List(applications) : JsonBodies.List(applications));

        var cached = type == MediaType.Xml ? snapshot.RenderedXml : snapshot.RenderedJson;
        if (cached is not null) return new(200, type, cached);
        ReadOnlyMemory<byte> body = type == MediaType.Xml ? xml.List(snapshot) : JsonBodies.List(snapshot);
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
