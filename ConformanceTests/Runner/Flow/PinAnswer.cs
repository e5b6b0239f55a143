using System.Text.Json.Nodes;
using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>
/// Reads a PIN out of what a PIN source answered: our outbox's JSON (<c>{"messages":[{"pinId","pin"},…]}</c>, the
/// newest message of that pinId), a JSON object with <c>pin</c>, or the PIN as plain text (its first line, trimmed).
/// </summary>
public static class PinAnswer
{
    public static PinReading Parse(string text, string pinId, string source)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return PinReading.Failed($"{source} answered nothing");
        if (trimmed[0] is '{' or '[')
        {
            var (node, problem) = JsonRead.Parse(trimmed);
            if (problem is not null) return PinReading.Failed($"{source} answered JSON that does not parse: {problem}");
            if (JsonRead.Array(node, "messages") is { } messages)
            {
                var newest = messages.OfType<JsonObject>().LastOrDefault(m => JsonRead.Text(m["pinId"]) == pinId);
                return JsonRead.Text(newest?["pin"]) is { Length: > 0 } fromOutbox
                    ? PinReading.Of(fromOutbox)
                    : PinReading.Failed($"{source} lists no message for pinId {pinId}");
            }
            return JsonRead.Text(JsonRead.Get(node, "pin")) is { Length: > 0 } pin
                ? PinReading.Of(pin)
                : PinReading.Failed($"{source} answered JSON without a pin (expected {{\"pin\": \"…\"}} or the outbox's {{\"messages\": […]}})");
        }
        var line = trimmed.Split('\n')[0].Trim();
        return line.Length <= 64 && !line.Contains(' ')
            ? PinReading.Of(line)
            : PinReading.Failed($"{source} answered '{(line.Length > 64 ? line[..64] + "…" : line)}', not a PIN");
    }
}
