using System.Globalization;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.Concurrency;

/// <summary>
/// A whole version of an application, every field derived from one number k, so a stored mix of two requests
/// is visible: each field read back names its k, and all must agree. Values are already in the normalised form
/// the mock reports (times in their largest whole unit), so they read back verbatim.
/// </summary>
public static class ApplicationVersion
{
    public static string Body(int k, string tag, BodyFormat format)
    {
        var name = $"{tag}-v{k}";
        var enabled = k % 2 == 0 ? "true" : "false";
        var allow = k % 3 == 0 ? "true" : "false";
        return format == BodyFormat.Json
            ? $"{{\"name\":\"{name}\",\"enabled\":{enabled},\"configuration\":{{\"pinAttempts\":{k},\"allowMultiplePinVerifications\":{allow}," +
              $"\"pinTimeToLive\":\"{k}ms\",\"verifyPinLimit\":\"{k}/1s\",\"sendPinPerApplicationLimit\":\"{k}/1d\",\"sendPinPerPhoneNumberLimit\":\"{k}/1h\"}}}}"
            : $"<{Bodies.XmlRoot}><name>{name}</name><enabled>{enabled}</enabled><configuration><pinAttempts>{k}</pinAttempts>" +
              $"<allowMultiplePinVerifications>{allow}</allowMultiplePinVerifications><pinTimeToLive>{k}ms</pinTimeToLive>" +
              $"<verifyPinLimit>{k}/1s</verifyPinLimit><sendPinPerApplicationLimit>{k}/1d</sendPinPerApplicationLimit>" +
              $"<sendPinPerPhoneNumberLimit>{k}/1h</sendPinPerPhoneNumberLimit></configuration></{Bodies.XmlRoot}>";
    }

    /// <summary>Reads one application answer (JSON, or XML through the contract's names) as JSON.</summary>
    public static JsonObject Read(ApiAnswer answer, string operationId) =>
        answer.Format == BodyFormat.Xml
            ? Bodies.Document.Operation(operationId).ResponseSchema(answer.Status, BodyFormat.Xml).XmlToJson(answer.Body).AsObject()
            : JsonNode.Parse(answer.Body)!.AsObject();

    /// <summary>The k every field names, or a description of the mix when they disagree.</summary>
    public static (int? K, string? Mix) Consistent(JsonObject application, string tag)
    {
        var name = application["name"]!.GetValue<string>();
        var prefix = $"{tag}-v";
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return (null, $"name '{name}' is not one of ours");
        var k = int.Parse(name[prefix.Length..], CultureInfo.InvariantCulture);
        var configuration = application["configuration"]!.AsObject();
        var expected = new Dictionary<string, string>
        {
            ["enabled"] = k % 2 == 0 ? "true" : "false",
            ["pinAttempts"] = k.ToString(CultureInfo.InvariantCulture),
            ["allowMultiplePinVerifications"] = k % 3 == 0 ? "true" : "false",
            ["pinTimeToLive"] = $"{k}ms",
            ["verifyPinLimit"] = $"{k}/1s",
            ["sendPinPerApplicationLimit"] = $"{k}/1d",
            ["sendPinPerPhoneNumberLimit"] = $"{k}/1h",
        };
        var mismatches = expected
            .Select(e => (e.Key, Expected: e.Value, Actual: Text(e.Key == "enabled" ? application[e.Key] : configuration[e.Key])))
            .Where(e => e.Actual != e.Expected)
            .Select(e => $"{e.Key}={e.Actual} (version {k} has {e.Expected})")
            .ToList();
        return mismatches.Count == 0 ? (k, null) : (k, $"name says version {k} but {string.Join(", ", mismatches)}");
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
