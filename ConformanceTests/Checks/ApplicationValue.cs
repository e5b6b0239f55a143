using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>Shared by the paired-value checks: the received application, and how values compare.</summary>
internal static class ApplicationValue
{
    /// <summary>The application the answer carries; or, when it carries none, the check's failure saying so.</summary>
    public static bool TryRead(INamedCheck check, CheckContext c, ExpectedApplication expected,
        [NotNullWhen(true)] out JsonObject? received, [NotNullWhen(false)] out CheckVerdict? failure) =>
        FlowValue.TryObject(check, c, "an application object", out received, out failure, expected: expected.Values.ToJsonString());

    /// <summary>A number's value; null when it is beyond decimal (1e999), then numbers compare by their text.</summary>
    private static decimal? Number(JsonValue value) =>
        decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static string Text(JsonNode? node) => JsonRead.Text(node) ?? "(missing)";

    /// <summary>Scalars equal by meaning: numbers by value, times and limits by duration, the rest by text.</summary>
    public static bool Same(JsonNode? expected, JsonNode? received)
    {
        if (expected is null || received is null) return expected is null && received is null;
        if (expected is JsonObject or JsonArray || received is JsonObject or JsonArray)
            return JsonNode.DeepEquals(expected, received);
        if (expected is not JsonValue e || received is not JsonValue r) return false;
        if (e.GetValueKind() == JsonValueKind.String)
            return r.GetValueKind() == JsonValueKind.String && JsonRead.Text(e) is { } es && JsonRead.Text(r) is { } rs && Durations.SameValue(es, rs);
        if (e.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return r.GetValueKind() == e.GetValueKind();
        if (e.GetValueKind() == JsonValueKind.Number)
            return r.GetValueKind() == JsonValueKind.Number
                   && (Number(e) is { } en && Number(r) is { } rn ? en == rn : JsonRead.Text(e) == JsonRead.Text(r));
        return JsonNode.DeepEquals(expected, received);
    }
}
