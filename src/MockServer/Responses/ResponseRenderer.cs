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
    public XmlNames XmlNames => xml.Names;

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

    public ApiResponse List(List<ApplicationResponse> applications, MediaType type)
    {
        if (applications is ApplicationListSnapshot snapshot)
        {
            return new(200, type, type == MediaType.Xml
                ? snapshot.RenderedXml ??= xml.List(snapshot)
                : snapshot.RenderedJson ??= JsonBodies.List(snapshot));
        }
        return new(200, type, type == MediaType.Xml ? xml.List(applications) : JsonBodies.List(applications));
    }

    public ApiResponse Error(StageError error, MediaType type) =>
        new(error.Status, type, type == MediaType.Xml
            ? error.RenderedXml ??= xml.Error(error)
            : error.RenderedJson ??= JsonBodies.Error(error), error.Header);
}
