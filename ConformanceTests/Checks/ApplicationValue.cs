using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>Shared by the paired-value checks: the expected and received application, when both apply.</summary>
internal static class ApplicationValue
{
    /// <summary>The application the answer carries, or a verdict saying why the check does not apply or fails.</summary>
    public static (JsonObject? Expected, JsonObject? Received, CheckVerdict? Verdict) Pair(ICheck check, CheckContext c)
    {
        if (c.Expected.Application is not { } expected)
            return (null, null, check.NotApplicable("no application values are expected"));
        var (node, problem) = c.Values;
        if (node is not JsonObject received)
            return (null, null, check.Fail(problem ?? "the body is not an application object", expected.ToJsonString(),
                CheckContext.Excerpt(c.Exchange.Body)));
        return (expected, received, null);
    }

    private static decimal Number(JsonValue value) =>
        decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static string Text(JsonNode? node) => node switch
    {
        null => "(missing)",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>Scalars equal by meaning: numbers by value, times and limits by duration, the rest by text.</summary>
    public static bool Same(JsonNode? expected, JsonNode? received)
    {
        if (expected is null || received is null) return expected is null && received is null;
        if (expected is JsonObject or JsonArray || received is JsonObject or JsonArray)
            return JsonNode.DeepEquals(expected, received);
        var e = (JsonValue)expected;
        var r = (JsonValue)received;
        if (e.TryGetValue<string>(out var es))
            return r.TryGetValue<string>(out var rs) && Durations.SameValue(es, rs);
        if (e.TryGetValue<bool>(out var eb))
            return r.TryGetValue<bool>(out var rb) && eb == rb;
        if (e.GetValueKind() == JsonValueKind.Number)
            return r.GetValueKind() == JsonValueKind.Number && Number(e) == Number(r);
        return JsonNode.DeepEquals(expected, received);
    }
}
