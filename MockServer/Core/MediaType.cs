namespace TwoFactorContracts.MockServer.Core;

/// <summary>The media types the API speaks, in both directions.</summary>
public enum MediaType
{
    Json,
    Xml,
}

public static class MediaTypes
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string XmlContentType = "application/xml; charset=utf-8";

    public static string ContentTypeOf(MediaType type) => type == MediaType.Xml ? XmlContentType : JsonContentType;
}
