using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>Shared by the PIN flow's checks: the answer as an object, or the verdict saying why there is none to judge.</summary>
internal static class FlowValue
{
    public static (JsonObject? Answer, CheckVerdict? Verdict) Object(ICheck check, CheckContext c, string what)
    {
        if (c.Exchange.Status is not (>= 200 and < 300)) return (null, check.NotApplicable("not a successful answer (the status check judges it)"));
        var (node, problem) = c.Values;
        return node is JsonObject answer
            ? (answer, null)
            : (null, check.Fail(problem ?? $"the body is not {what}", what, CheckContext.Excerpt(c.Exchange.Body)));
    }

    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();

    public static int? Int(JsonNode? node) =>
        node is JsonValue v && (v.TryGetValue<int>(out var i) || (v.TryGetValue<string>(out var s) && int.TryParse(s, out i))) ? i : null;

    public static long? Long(JsonNode? node) =>
        node is JsonValue v && (v.TryGetValue<long>(out var l) || (v.TryGetValue<string>(out var s) && long.TryParse(s, out l))) ? l : null;

    public static bool? Bool(JsonNode? node) =>
        node is JsonValue v && (v.TryGetValue<bool>(out var b) || (v.TryGetValue<string>(out var s) && bool.TryParse(s, out b))) ? b : null;
}
