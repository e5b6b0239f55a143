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
            : (null, check.Fail(problem ?? $"the body is {JsonRead.Kind(node)}, not {what}", what, CheckContext.Excerpt(c.Exchange.Body)));
    }

    public static string? Text(JsonNode? node) => JsonRead.Text(node);

    // A value read from XML may be held as a long or a string: read it by its text, not its CLR type.
    public static int? Int(JsonNode? node) => long.TryParse(Scalar(node), out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;

    public static long? Long(JsonNode? node) => long.TryParse(Scalar(node), out var n) ? n : null;

    public static bool? Bool(JsonNode? node) => bool.TryParse(Scalar(node), out var b) ? b : null;

    private static string? Scalar(JsonNode? node) => node is JsonValue ? JsonRead.Text(node) : null;
}
