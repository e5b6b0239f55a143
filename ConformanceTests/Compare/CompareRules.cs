using NJsonSchema;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Compare;

/// <summary>
/// What a comparison does not compare by value, and why: the ids each target issues (two targets never issue the same
/// ones; they are mapped to each other instead, <see cref="IdMap"/>) and the times each target stamps.
/// </summary>
public sealed class CompareRules
{
    /// <summary>
    /// The fields that carry an id the target issued: an application's <c>applicationId</c> and <c>processId</c>, a
    /// template's <c>messageId</c>, a PIN's <c>pinId</c>, a tracked message's <c>externalMessageId</c>. The contract gives them no format of their own (they are plain
    /// strings), so they are named here. The error envelope's <c>messageId</c> (<c>requestError.serviceException</c>) is
    /// an error code, not an id, and is compared by value.
    /// </summary>
    public static readonly IReadOnlySet<string> IssuedIds = new HashSet<string>(StringComparer.Ordinal) { "applicationId", "messageId", "pinId", "processId", "externalMessageId" };

    /// <summary>The fields that identify an item of a list (an application, a template), in the order they are tried.</summary>
    public static readonly IReadOnlyList<string> ItemKeys = ["applicationId", "messageId", "pinId"];

    public CompareRules(ContractDocument contract) => GeneratedTimes = TimesOf(contract);

    /// <summary>
    /// The answer fields whose contract format is <c>int64</c> and whose name ends in At: epoch-millisecond times the target stamps when
    /// something happens (<c>sentAt</c>, <c>verifiedAt</c>). Their kind is compared, never their value.
    /// </summary>
    public IReadOnlySet<string> GeneratedTimes { get; }

    /// <summary>The field at <paramref name="name"/> under <paramref name="parent"/> holds an issued id.</summary>
    public static bool IsIssuedId(string name, string? parent) => IssuedIds.Contains(name) && parent != "serviceException";

    private static HashSet<string> TimesOf(ContractDocument contract)
    {
        var times = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<JsonSchema>();
        foreach (var operation in contract.AllOperations)
        foreach (var response in operation.Responses)
        {
            ContractSchema schema;
            try { schema = operation.ResponseSchema(response.Status, BodyFormat.Json); }
            catch (InvalidOperationException) { continue; } // no body documented
            Walk(schema.Schema, times, seen);
        }
        return times;
    }

    private static void Walk(JsonSchema? schema, HashSet<string> times, HashSet<JsonSchema> seen)
    {
        if (schema is null) return;
        var actual = schema.ActualSchema;
        if (!seen.Add(actual)) return;
        foreach (var (name, property) in actual.ActualProperties)
        {
            // An int64 the client sets (an email template's emailTemplateId) is no time: times are named ...At.
            if ((property.Format ?? property.ActualSchema.Format) == JsonFormatStrings.Long && name.EndsWith("At", StringComparison.Ordinal)) times.Add(name);
            Walk(property.ActualSchema, times, seen);
        }
        Walk(actual.Item, times, seen);
        foreach (var item in actual.Items) Walk(item, times, seen);
        foreach (var part in actual.AllOf.Concat(actual.OneOf).Concat(actual.AnyOf)) Walk(part, times, seen);
    }
}
