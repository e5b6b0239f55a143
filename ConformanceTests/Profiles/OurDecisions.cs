using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Profiles;

/// <summary>
/// This project's decisions where neither the seed page nor today's document speaks: the contract declares them
/// (<c>info.x-decisions</c>) and marks each rule resting on one (<c>x-source: ours: id</c>). A check or case resting on
/// one says so when it fails; a profile that accepts our decisions (<c>ourDecisions: accepted</c>, the <c>today</c>
/// profile) lets the target do otherwise, as "our decision not followed", never as a failure.
/// </summary>
public static class OurDecisions
{
    // The decisions the engine's own steps rest on (rather than a marked rule); the contract must declare each.
    public const string TimesLargestUnit = "times-largest-unit";
    public const string RefusedSend = "refused-send";
    public const string RefusedVerify = "refused-verify";
    public const string DisabledApplication = "disabled-application";
    public const string VerifiedOnce = "verified-once";

    public static IReadOnlyList<string> NamedByTheEngine => [TimesLargestUnit, RefusedSend, RefusedVerify, DisabledApplication, VerifiedOnce];

    /// <summary>The decision the rule a negative case breaks rests on (its x-source), or null when a source states it.</summary>
    public static string? Behind(NegativeCase negative) =>
        negative.Operation.RuleSource(negative.Field, negative.Rule) is { IsOurs: true } source ? source.Decision : null;

    /// <summary>The decision a documented case's answer rests on (its example's or status's x-source), or null.</summary>
    public static string? Behind(ContractCase c) => c.Source is { IsOurs: true } source ? source.Decision : null;

    /// <summary>
    /// The decision behind a documented 400 case's request: every rule its body breaks is marked ours, so a target
    /// that accepts the request follows a source, not a defect. Null when the body breaks a rule a source states, or none.
    /// </summary>
    public static string? BehindRequest(ContractCase c)
    {
        if (!c.Statuses.Contains(400) || c.RequestBody is not { } body || !c.Operation.HasRequestBody) return null;
        IReadOnlyList<string> problems;
        try { problems = c.Operation.RequestSchema(c.Format).Validate(body.Text, c.Format); }
        catch (InvalidOperationException) { return null; }
        string? decision = null;
        foreach (var problem in problems)
        {
            var split = problem.LastIndexOf(": ", StringComparison.Ordinal);
            if (split < 0 || Facet(problem[(split + 2)..]) is not { } facet) return null;
            var field = problem[..split].TrimStart('#', '/');
            if (c.Operation.RuleSource(field, facet) is not { IsOurs: true } source) return null;
            decision ??= source.Decision;
        }
        return decision;
    }

    /// <summary>The contract facet an NJsonSchema validation error kind breaks, or null for one no facet states (a type).</summary>
    private static string? Facet(string kind) => kind switch
    {
        "PropertyRequired" => "required",
        "PatternMismatch" => "pattern",
        "NumberTooSmall" => "minimum",
        "NumberTooBig" => "maximum",
        "StringTooShort" => "minLength",
        "StringTooLong" => "maxLength",
        "NotInEnumeration" => "enum",
        _ => null,
    };

    /// <summary>The decision an answer of an operation at <paramref name="status"/> rests on (that status marked ours), or null.</summary>
    public static string? Behind(ContractOperation operation, int status) =>
        operation.Responses.FirstOrDefault(r => r.Status == status)?.Source is { IsOurs: true } source ? source.Decision : null;

    /// <summary>How a verdict names a decision: its reason, its id and where users read it.</summary>
    public static string Describe(IReadOnlyDictionary<string, ContractDecision> decisions, string decision) =>
        decisions.TryGetValue(decision, out var known)
            ? $"our decision `{decision}`: {known.Reason} (README \"Decisions\")"
            : $"our decision `{decision}` (README \"Decisions\")";

    /// <summary>
    /// Reviews the verdicts of an answer whose expectation rests on <paramref name="decision"/>. Under a profile that
    /// accepts it, every failure of an <paramref name="excusable"/> answer becomes "accepted: our decision not followed
    /// by the target", with what it did instead. Otherwise failures keep failing and name the decision.
    /// </summary>
    public static IReadOnlyList<CheckVerdict> Review(IReadOnlyList<CheckVerdict> verdicts, string decision,
        TargetProfile profile, string didInstead, bool excusable)
    {
        if (!verdicts.Any(v => v.Failed)) return verdicts;
        var relaxing = excusable ? profile.Relaxing(decision) : null;
        var text = Describe(profile.Decisions, decision);
        return [.. verdicts.Select(v => !v.Failed ? v
            : relaxing is not null
                ? v with { Outcome = Outcome.Accepted, Reason = $"our decision `{decision}` not followed by the target: {didInstead} ({v.Reason}); {relaxing.Reason}", Deviation = relaxing.Id }
                : v with { Reason = $"{v.Reason}; {text}" })];
    }

    /// <summary>
    /// An answer the target may give instead of the one our decision documents: any answer below 500, and where
    /// only how it refuses is ours (<paramref name="mustRefuse"/>), a 4xx.
    /// </summary>
    public static bool Excusable(Exchange exchange, bool mustRefuse) =>
        exchange.Answered && exchange.Status < 500 && (!mustRefuse || exchange.Status is >= 400 and < 500);

    public static string Did(Exchange exchange) =>
        exchange.Answered ? $"it answered {exchange.Status} {exchange.ContentType ?? "(no Content-Type)"}" : "it did not answer";
}
