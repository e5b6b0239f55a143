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

/// <summary>
/// One documented example body: its name, the status it documents (null for a request example), its media type,
/// its text (JSON or XML as the contract writes it) and that text's UTF-8 bytes, computed once. The one
/// representation of an example: created when the contract is read (or its start-up cache is)
/// and referenced, never copied, by the suite's cases and the mock's answers, stubs, seed and exported mappings.
/// Equality is identity: one example, one instance.
/// </summary>
public sealed class ExampleBody
{
    public ExampleBody(string name, int? status, BodyFormat format, string text)
    {
        Name = name;
        Status = status;
        Format = format;
        Text = text;
        Utf8 = System.Text.Encoding.UTF8.GetBytes(text);
    }

    public string Name { get; }

    /// <summary>The response status this example documents; null for a request example.</summary>
    public int? Status { get; }

    public BodyFormat Format { get; }

    public string MediaType => Format.MediaType();

    public string Text { get; }

    /// <summary>The bytes the mock sends for this example (shared: never mutate).</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    public override string ToString() => $"{Name} ({(Status is { } status ? $"{status}, " : "request, ")}{MediaType})";
}

/// <summary>A path or query parameter with its named examples (example name to value, as text).</summary>
public sealed record ContractParameter(string Name, bool Required, IReadOnlyDictionary<string, string> Examples)
{
    /// <summary>The value the parameter has when a request leaves it out (its schema's <c>default</c>, as text), or null.</summary>
    public string? Default { get; init; }

    /// <summary>The parameter's schema is a boolean (<c>true</c> or <c>false</c>).</summary>
    public bool IsBoolean { get; init; }
}

/// <summary>One documented status of an operation with its named examples.</summary>
public sealed record ContractResponse(int Status, string Description, IReadOnlyList<ExampleBody> Examples)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>Who documents this status (its <c>x-source</c>), or null when unmarked.</summary>
    public ContractSource? Source { get; init; }

    /// <summary>The examples that carry their own <c>x-source</c> (an error example), by name and format.</summary>
    public IReadOnlyDictionary<(string Name, BodyFormat Format), ContractSource> ExampleSources { get; init; } =
        new Dictionary<(string, BodyFormat), ContractSource>();

    /// <summary>Who states the answer of that example: its own mark, else the status's.</summary>
    public ContractSource? SourceOf(string example, BodyFormat format) => ExampleSources.GetValueOrDefault((example, format)) ?? Source;
}

/// <summary>The XML element names the contract gives with the OpenAPI <c>xml</c> keyword.</summary>
public sealed record ContractXmlNames(
    string RequestRoot, string ResponseRoot, string ListRoot, string ListItem, string ErrorRoot)
{
    /// <summary>Today's API sends this request root; the seed page sends <see cref="RequestRoot"/>. Both are read.</summary>
    public const string AlternateRequestRoot = "ApplicationRequest";
}

/// <summary>The XML element names of one operation's bodies (null where the contract names none).</summary>
/// <param name="ResponseItem">The items of a list answer, or of the list <see cref="ResponseList"/> inside the answer.</param>
public sealed record ContractXmlRoots(string? Request, string? Response, string? ResponseItem)
{
    /// <summary>Other request roots read besides <see cref="Request"/> (the schema's <c>x-xml-accepted-roots</c>).</summary>
    public IReadOnlyList<string> RequestAlso { get; init; } = [];

    /// <summary>The element of the one list an object answer holds (the verification status's <c>verifications</c>), or null.</summary>
    public string? ResponseList { get; init; }
}

/// <summary>
/// How many requests of one operation today's API takes per account within a window (the operation's
/// <c>x-throttling</c> in the contract). The seed page states no throttling; this describes today's API.
/// </summary>
public sealed record Throttling(int Requests, TimeSpan Window)
{
    /// <summary>Reads <c>{requests: 20, window: 10m}</c>; the window in the API's time format (ms, s, m, h, d).</summary>
    public static Throttling? From(System.Text.Json.Nodes.JsonNode? node)
    {
        if (node is null) return null;
        // The YAML reader gives numbers as decimals.
        var requests = node["requests"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<decimal>(out var count)
                       && count == decimal.Truncate(count) && count is > 0 and <= int.MaxValue
            ? (int)count
            : throw new InvalidDataException("x-throttling needs requests, a positive integer.");
        var window = node["window"] is System.Text.Json.Nodes.JsonValue w && w.TryGetValue<string>(out var text) && ParseWindow(text) is { } parsed
            ? parsed
            : throw new InvalidDataException("x-throttling needs window, a time like 10m.");
        return new Throttling(requests, window);
    }

    /// <summary>A time like 600s, 10m or 1h (units ms, s, m, h, d), or null when it is not one.</summary>
    public static TimeSpan? ParseWindow(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text.Trim(), "^([0-9]+)(ms|s|m|h|d)$");
        if (!match.Success || !long.TryParse(match.Groups[1].Value, out var length) || length <= 0) return null;
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(length),
            "s" => TimeSpan.FromSeconds(length),
            "m" => TimeSpan.FromMinutes(length),
            "h" => TimeSpan.FromHours(length),
            _ => TimeSpan.FromDays(length),
        };
    }
}
