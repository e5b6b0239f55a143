using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>Shared by the checks of objects (the PIN flow's answers, an application): the answer as an object, or the failure saying why there is none to judge.</summary>
internal static class FlowValue
{
    /// <param name="what">What the answer should be ("a verify answer"), for the failure.</param>
    /// <param name="expected">The failure's expected text; <paramref name="what"/> when not given.</param>
    public static bool TryObject(INamedCheck check, CheckContext c, string what,
        [NotNullWhen(true)] out JsonObject? answer, [NotNullWhen(false)] out CheckVerdict? failure, string? expected = null)
    {
        var (node, problem) = c.Values;
        answer = node as JsonObject;
        failure = answer is null
            ? check.Fail(problem ?? $"the body is {JsonRead.Kind(node)}, not {what}", expected ?? what, CheckContext.Excerpt(c.Exchange.Body))
            : null;
        return answer is not null;
    }

    public static string? Text(JsonNode? node) => JsonRead.Text(node);

    // A value read from XML may be held as a long or a string: read it by its text, not its CLR type.
    public static int? Int(JsonNode? node) => long.TryParse(Scalar(node), out var n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;

    public static long? Long(JsonNode? node) => long.TryParse(Scalar(node), out var n) ? n : null;

    public static bool? Bool(JsonNode? node) => bool.TryParse(Scalar(node), out var b) ? b : null;

    private static string? Scalar(JsonNode? node) => node is JsonValue ? JsonRead.Text(node) : null;
}
