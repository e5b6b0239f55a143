using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Negotiation;

/// <summary>The client accepts none of our media types (406) or sent a body we cannot read (415).</summary>
public sealed class NegotiationError : StageError
{
    private NegotiationError(int status, string messageId, string text) : base(status, messageId, text) { }

    public static readonly NegotiationError NotAcceptable = new(406, "NOT_ACCEPTABLE",
        "None of the media types in Accept can be produced. Supported: application/json, application/xml");

    public static readonly NegotiationError MissingContentType = new(415, "UNSUPPORTED_MEDIA_TYPE",
        "Content-Type is missing. Supported: application/json, application/xml");

    public static NegotiationError UnsupportedContentType(string contentType) => new(415, "UNSUPPORTED_MEDIA_TYPE",
        $"Content type '{Shorten(contentType)}' not supported. Supported: application/json, application/xml (charset utf-8)");
}
