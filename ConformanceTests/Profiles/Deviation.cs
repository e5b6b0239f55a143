using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Profiles;

/// <summary>
/// One accepted difference from the contract, with its reason. Exactly one of the kinds is set:
/// a status alternative, an error id/text alternative, an XML root alternative, a field that may be absent,
/// a relaxed request rule, an extra documented status, one of our own decisions, or a check accepted on cases.
/// </summary>
public sealed class Deviation
{
    public string Id { get; init; } = "";

    public string Reason { get; init; } = "";

    public StatusAlternative? Status { get; init; }

    public ErrorAlternative? Error { get; init; }

    public XmlRootAlternative? XmlRoot { get; init; }

    /// <summary>A field the contract's examples carry that the target's answers may leave out (processId).</summary>
    public string? AbsentField { get; init; }

    /// <summary>A request rule the target does not enforce, so its negative cases are not sent (see <see cref="RelaxedRules"/>).</summary>
    public string? RelaxedRule { get; init; }

    public DocumentedStatus? DocumentedStatus { get; init; }

    /// <summary>One of our own decisions (README "Decisions"), which the target need not follow (see <see cref="OurDecisions"/>).</summary>
    public string? Decision { get; init; }

    /// <summary>A check whose failure is accepted on the matching cases (what --write-baseline records).</summary>
    public CheckAcceptance? Accept { get; init; }

    [JsonIgnore]
    public string Kind =>
        Status is not null ? "status" : Error is not null ? "error" : XmlRoot is not null ? "xmlRoot"
        : AbsentField is not null ? "absentField" : RelaxedRule is not null ? "relaxedRule"
        : DocumentedStatus is not null ? "documentedStatus" : Decision is not null ? "decision"
        : Accept is not null ? "accept" : "none";

    internal string? Problem()
    {
        if (Id.Length == 0) return "needs an id";
        if (Reason.Length == 0) return "needs a reason";
        var kinds = new object?[] { Status, Error, XmlRoot, AbsentField, RelaxedRule, DocumentedStatus, Decision, Accept }.Count(k => k is not null);
        if (kinds != 1)
            return "needs exactly one of status, error, xmlRoot, absentField, relaxedRule, documentedStatus, decision, accept";
        if (RelaxedRule is not null && !RelaxedRules.All.ContainsKey(RelaxedRule))
            return $"relaxedRule must be one of {string.Join(", ", RelaxedRules.All.Keys)}, not '{RelaxedRule}'";
        if (Status is { Received.Count: 0 } or { Instead.Count: 0 }) return "status needs instead: [documented statuses] and received: [statuses]";
        if (Error is not null && Error.MessageId.Length == 0) return "error needs messageId";
        if (XmlRoot is { Accept.Count: 0 }) return "xmlRoot needs accept: [root names]";
        if (Accept is not null && (Accept.Cases.Length == 0 || Accept.Check.Length == 0)) return "accept needs cases and check";
        return null;
    }

    /// <summary>True when this entry's cases glob takes the case (no glob: every case).</summary>
    internal static bool Covers(string? glob, string caseId) => glob is null || CaseGlob.Matches(glob, caseId);
}

/// <summary>
/// The target answers one of <c>received</c> where the contract documents one of <c>instead</c>, on the requests of
/// <c>operation</c> (or the cases matching <c>cases</c>): 201 instead of 200 to a create.
/// </summary>
public sealed class StatusAlternative
{
    public string? Operation { get; init; }

    public string? Cases { get; init; }

    public List<int> Instead { get; init; } = [];

    public List<int> Received { get; init; } = [];
}

/// <summary>The target answers <c>acceptMessageId</c> / <c>acceptText</c> where the contract documents <c>messageId</c>.</summary>
public sealed class ErrorAlternative
{
    public string MessageId { get; init; } = "";

    public string? AcceptMessageId { get; init; }

    public string? AcceptText { get; init; }
}

/// <summary>
/// The target's XML answers of <c>operation</c> (or of each of <c>operations</c>; all when neither is set) may have one
/// of these root elements, and name inner elements otherwise: <c>rename</c> maps the target's name (<c>item</c>, or
/// <c>parent/child</c>) to the contract's. The answer is read as if it used the contract's names.
/// </summary>
public sealed class XmlRootAlternative
{
    public string? Operation { get; init; }

    public List<string> Operations { get; init; } = [];

    public List<string> Accept { get; init; } = [];

    public Dictionary<string, string> Rename { get; init; } = [];

    public bool Covers(string operationId) =>
        (Operation is null && Operations.Count == 0) || Operation == operationId || Operations.Contains(operationId);
}

/// <summary>The target documents this status with this messageId on every operation (today: 403 FORBIDDEN).</summary>
public sealed class DocumentedStatus
{
    public int Status { get; init; }

    public string? MessageId { get; init; }
}

public sealed class CheckAcceptance
{
    public string Cases { get; init; } = "";

    public string Check { get; init; } = "";
}

/// <summary>Request rules a target may not enforce; negative cases breaking only such a rule are not sent to it.</summary>
public static class RelaxedRules
{
    public const string TimeLengthOptional = "time-length-optional";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [TimeLengthOptional] = "a time or limit may leave out its length (m = 1m), as today's document says",
    };

    public static string? Behind(NegativeCase negative) =>
        negative.Rule == NegativeCases.LengthOmittedRule ? TimeLengthOptional : null;

    /// <summary>
    /// The relaxed rule a documented 400 case rests on (its request leaves out a time length, like update's
    /// invalidTimeToLive "m"): the request with each such length filled in as 1 is valid.
    /// </summary>
    public static string? Behind(ContractCase c)
    {
        if (!c.Statuses.Contains(400) || c.RequestBody is not { } body) return null;
        var values = RequestBodies.Values(c.Operation, body);
        return FillLengths(values) && c.Operation.RequestSchema(BodyFormat.Json).Validate(values.ToJsonString(), BodyFormat.Json).Count == 0
            ? TimeLengthOptional
            : null;
    }

    private static bool FillLengths(JsonObject values)
    {
        var filled = false;
        foreach (var (key, value) in values.ToList())
        {
            if (value is JsonObject nested) filled |= FillLengths(nested);
            else if (value is JsonValue v && v.TryGetValue<string>(out var text) && OmittedLength.IsMatch(text))
            {
                values[key] = OmittedLength.Replace(text, "${attempts}1${unit}");
                filled = true;
            }
        }
        return filled;
    }

    private static readonly Regex OmittedLength = new("^(?<attempts>[0-9]+/)?(?<unit>ms|s|m|h|d)$", RegexOptions.CultureInvariant);
}
