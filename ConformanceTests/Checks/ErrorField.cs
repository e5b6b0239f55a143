using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>Reads a field of the error envelope (requestError.serviceException.*).</summary>
internal static class ErrorField
{
    public static (string? Value, string? Problem) Read(CheckContext c, string field)
    {
        var (node, problem) = c.Values;
        if (node is null) return (null, problem);
        var value = node["requestError"]?["serviceException"]?[field];
        return value is JsonValue v && v.TryGetValue<string>(out var text)
            ? (text, null)
            : (null, $"the answer has no requestError.serviceException.{field}");
    }
}
