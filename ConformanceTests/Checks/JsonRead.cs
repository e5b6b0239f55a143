using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// Total readers of JSON from a target: they answer null (or say why) instead of throwing when the answer is of
/// another kind than expected (an array where an object was expected, a number where a string was), when a field is
/// missing, or when the text is not JSON at all. JsonNode's own accessors throw on all of these
/// (<c>node["x"]</c> on an array, <c>GetValue&lt;string&gt;()</c> on a number).
/// </summary>
public static class JsonRead
{
    /// <summary>
    /// Duplicate names are refused while parsing: JsonNode accepts them and then throws on the first read of the object.
    /// </summary>
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>
    /// Parses a body: the node (null for the literal <c>null</c>), or why the text is not JSON. A parsed node is safe
    /// to read everywhere: duplicate names and unpaired surrogate escapes (<c>"\ud800"</c>), which would make later
    /// reads throw, are refused here.
    /// </summary>
    public static (JsonNode? Node, string? Problem) Parse(string text)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: Options);
            return Readable(node) is { } problem ? (null, problem) : (node, null);
        }
        catch (JsonException e) { return (null, e.Message); }
        catch (ArgumentException e) { return (null, e.Message); }
    }

    /// <summary>The parsed node, or null when the text is not JSON (or is <c>null</c>).</summary>
    public static JsonNode? TryParse(string? text) => text is null ? null : Parse(text).Node;

    /// <summary>The value at a path of object fields, or null when any step is missing or not an object.</summary>
    public static JsonNode? Get(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out node)) return null;
        }
        return node;
    }

    public static JsonObject? Object(JsonNode? node, params ReadOnlySpan<string> path) => Get(node, path) as JsonObject;

    public static JsonArray? Array(JsonNode? node, params ReadOnlySpan<string> path) => Get(node, path) as JsonArray;

    /// <summary>The JSON string at the path; null when missing or of another kind (a number is not a string here).</summary>
    public static string? String(JsonNode? node, params ReadOnlySpan<string> path) =>
        Get(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String && TryString(v, out var s) ? s : null;

    /// <summary>A scalar's text (a string as is, a number or boolean as written); an object or array as JSON; null when missing.</summary>
    public static string? Text(JsonNode? node)
    {
        try
        {
            return node switch
            {
                null => null,
                JsonValue v when TryString(v, out var s) => s,
                _ => node.ToJsonString(),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return null; // a value no writer can express (built from an infinite double, an unpaired surrogate)
        }
    }

    /// <summary>What kind of value the node is, for a reason: "an object", "an array", "a string", "a number", "true", "null".</summary>
    public static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "null",
        },
        _ => "a value",
    };

    private static bool TryString(JsonValue value, [NotNullWhen(true)] out string? text)
    {
        try
        {
            if (value.TryGetValue<string>(out var s))
            {
                text = s;
                return true;
            }
        }
        catch (InvalidOperationException) { } // an unpaired surrogate escape cannot be read as a string
        text = null;
        return false;
    }

    /// <summary>Why a parsed node cannot be read everywhere (a string no reader can decode), or null.</summary>
    private static string? Readable(JsonNode? root)
    {
        var pending = new Stack<JsonNode?>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    foreach (var (_, value) in obj) pending.Push(value);
                    break;
                case JsonArray array:
                    foreach (var item in array) pending.Push(item);
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String && !TryString(value, out _):
                    return "a string holds an unpaired UTF-16 surrogate escape (e.g. \\ud800), which no reader can decode";
            }
        }
        return null;
    }
}
