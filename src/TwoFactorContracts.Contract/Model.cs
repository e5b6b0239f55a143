namespace TwoFactorContracts.Contract;

/// <summary>The two media types the API speaks.</summary>
public enum BodyFormat { Json, Xml }

public static class BodyFormats
{
    public static string MediaType(this BodyFormat format) =>
        format == BodyFormat.Xml ? "application/xml" : "application/json";

    public static string Suffix(this BodyFormat format) => format == BodyFormat.Xml ? "xml" : "json";

    /// <summary>Maps a media type (parameters ignored) to a format, or null when the API does not speak it.</summary>
    public static BodyFormat? FromMediaType(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType)) return null;
        var bare = mediaType.Split(';')[0].Trim();
        if (bare.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return BodyFormat.Json;
        if (bare.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || bare.Equals("text/xml", StringComparison.OrdinalIgnoreCase)) return BodyFormat.Xml;
        return null;
    }
}

/// <summary>A named example body in one media type; Text is JSON text or XML text as written in the contract.</summary>
public sealed record ExampleBody(string Name, BodyFormat Format, string Text);

/// <summary>One documented status of an operation with its named examples.</summary>
public sealed record ContractResponse(int Status, string Description, IReadOnlyList<ExampleBody> Examples)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>The XML element names the contract gives with the OpenAPI <c>xml</c> keyword.</summary>
public sealed record ContractXmlNames(
    string RequestRoot, string ResponseRoot, string ListRoot, string ListItem, string ErrorRoot)
{
    /// <summary>Today's API sends this request root; the seed page sends <see cref="RequestRoot"/>. Both are read.</summary>
    public const string AlternateRequestRoot = "ApplicationRequest";
}
