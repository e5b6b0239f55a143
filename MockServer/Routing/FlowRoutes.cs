using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Routing;

/// <summary>
/// The paths of the message templates and the PIN flow, matched after the application paths (which keep their
/// own fast match). Like the list of applications, each path also takes a trailing slash: the Node SDK posts
/// to <c>/2fa/2/pin/?ncNeeded=true</c> and reads <c>/verifications/?msisdn=</c>.
/// </summary>
internal static class FlowRoutes
{
    public const string PinPath = "/2fa/2/pin";
    private const string Messages = "messages";
    private const string Verifications = "verifications";
    private const string Voice = "voice";
    private const string Resend = "resend";
    private const string Verify = "verify";

    /// <summary>Under an application: <c>{appId}/messages[/{msgId}]</c> or <c>{appId}/verifications</c> (<paramref name="rest"/> is past the collection's slash).</summary>
    public static bool TryMatchApplicationChild(string method, ReadOnlySpan<char> rest, out Route route, out RoutingError? error)
    {
        route = default;
        error = RoutingError.NotFound;
        var segments = Split(rest, out var count);
        if (count is < 2 or > 3) return false;
        var appId = rest[segments[0]].ToString();
        var child = rest[segments[1]];
        if (count == 2 && child.SequenceEqual(Verifications))
        {
            if (!IsMethod(method, "GET")) { error = RoutingError.GetOnly; return false; }
            route = new(Operation.GetVerificationStatus, appId);
            return Matched(out error);
        }
        if (!child.SequenceEqual(Messages)) return false;
        if (count == 2)
        {
            var operation = IsMethod(method, "GET") ? Operation.ListMessageTemplates
                : IsMethod(method, "POST") ? Operation.CreateMessageTemplate
                : (Operation?)null;
            if (operation is null) { error = RoutingError.CollectionMethodNotAllowed; return false; }
            route = new(operation.Value, appId);
            return Matched(out error);
        }
        var itemOperation = IsMethod(method, "GET") ? Operation.GetMessageTemplate
            : IsMethod(method, "PUT") ? Operation.UpdateMessageTemplate
            : (Operation?)null;
        if (itemOperation is null) { error = RoutingError.ItemMethodNotAllowed; return false; }
        route = new(itemOperation.Value, appId, rest[segments[2]].ToString());
        return Matched(out error);
    }

    /// <summary><c>/2fa/2/pin</c>, <c>/pin/voice</c>, <c>/pin/{pinId}/resend[/voice]</c>, <c>/pin/{pinId}/verify</c>.</summary>
    public static bool TryMatchPin(string method, string path, out Route route, out RoutingError? error)
    {
        route = default;
        error = RoutingError.NotFound;
        if (!path.StartsWith(PinPath, StringComparison.Ordinal)) return false;
        var rest = path.AsSpan(PinPath.Length);
        if (!rest.IsEmpty && rest[0] != '/') return false;
        var segments = Split(rest.IsEmpty ? rest : rest[1..], out var count);
        var tail = rest.IsEmpty ? rest : rest[1..];
        Operation operation;
        string? pinId = null;
        if (count == 0) operation = Operation.SendPinOverSms;
        else if (count == 1 && tail[segments[0]].SequenceEqual(Voice)) operation = Operation.SendPinOverVoice;
        else if (count >= 2 && tail[segments[1]].SequenceEqual(Resend)
                 && (count == 2 || (count == 3 && tail[segments[2]].SequenceEqual(Voice))))
        {
            operation = count == 2 ? Operation.ResendPinOverSms : Operation.ResendPinOverVoice;
            pinId = tail[segments[0]].ToString();
        }
        else if (count == 2 && tail[segments[1]].SequenceEqual(Verify))
        {
            operation = Operation.VerifyPin;
            pinId = tail[segments[0]].ToString();
        }
        else return false;
        if (!IsMethod(method, "POST")) { error = RoutingError.PostOnly; return false; }
        route = new(operation, null, pinId);
        return Matched(out error);
    }

    private static bool Matched(out RoutingError? error)
    {
        error = null;
        return true;
    }

    /// <summary>Up to 4 non-empty segments of <paramref name="rest"/>, one trailing slash allowed; an empty segment inside is a miss (count -1).</summary>
    private static Range[] Split(ReadOnlySpan<char> rest, out int count)
    {
        if (!rest.IsEmpty && rest[^1] == '/') rest = rest[..^1];
        var ranges = new Range[4];
        count = 0;
        if (rest.IsEmpty) return ranges;
        var start = 0;
        for (var i = 0; i <= rest.Length; i++)
        {
            if (i < rest.Length && rest[i] != '/') continue;
            if (i == start || count == ranges.Length) { count = -1; return ranges; }
            ranges[count++] = new Range(start, i);
            start = i + 1;
        }
        return ranges;
    }

    private static bool IsMethod(string method, string expected) =>
        string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);
}
