using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>Reads a field of the error envelope (requestError.serviceException.*), whatever kind of body the answer is.</summary>
internal static class ErrorField
{
    public static (string? Value, string? Problem) Read(CheckContext c, string field)
    {
        var (node, problem) = c.Values;
        if (node is null) return (null, problem ?? "the body holds no value");
        if (node is not JsonObject)
            return (null, $"the body is {JsonRead.Kind(node)}, not the error envelope (an object with requestError.serviceException.{field})");
        if (JsonRead.Object(node, "requestError", "serviceException") is not { } error)
            return (null, $"the answer has no requestError.serviceException.{field}");
        return JsonRead.String(error, field) is { } text
            ? (text, null)
            : (null, error.ContainsKey(field)
                ? $"requestError.serviceException.{field} is {JsonRead.Kind(error[field])}, not a string"
                : $"the answer has no requestError.serviceException.{field}");
    }
}
