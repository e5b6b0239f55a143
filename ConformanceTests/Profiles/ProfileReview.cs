using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Profiles;

/// <summary>
/// After the checks: a failed verdict that is exactly a difference the profile accepts (a status alternative, a
/// generic error id or text, a check accepted on those cases) becomes Accepted with the profile's reason. An accepted
/// XML root is recorded as its own verdict. Everything else stays as the checks said.
/// </summary>
public static class ProfileReview
{
    public static IReadOnlyList<CheckVerdict> Apply(TargetProfile profile, string caseId, CheckContext c, IReadOnlyList<CheckVerdict> verdicts)
    {
        var reviewed = verdicts.Select(v => Review(profile, caseId, c, v)).ToList();
        if (c.AcceptedRoot is { } root)
            reviewed.Add(new CheckVerdict("xml-root", Outcome.Accepted, root.Reason, Received: $"<{string.Join("> or <", root.XmlRoot!.Accept)}>") { Deviation = root.Id });
        return reviewed;
    }

    private static CheckVerdict Review(TargetProfile profile, string caseId, CheckContext c, CheckVerdict verdict)
    {
        var accepting = verdict.Outcome switch
        {
            Outcome.Failed => Accepting(profile, caseId, c, verdict),
            // A status the contract allows but the profile names (201 on create) is still seen, so not stale.
            Outcome.Passed when verdict.Check == "status" => StatusAlternative(profile, caseId, c)
                ?? profile.Deviations.FirstOrDefault(d => d.DocumentedStatus?.Status == c.Exchange.Status),
            _ => null,
        };
        return accepting is null
            ? verdict
            : new CheckVerdict(verdict.Check, Outcome.Accepted, $"{accepting.Reason} (contract: {verdict.Reason})", verdict.Expected, verdict.Received) { Deviation = accepting.Id };
    }

    private static Deviation? Accepting(TargetProfile profile, string caseId, CheckContext c, CheckVerdict verdict) =>
        verdict.Check switch
        {
            "status" => StatusAlternative(profile, caseId, c),
            "message-id" => profile.Deviations.FirstOrDefault(d => d.Error is { } e
                && e.MessageId == verdict.Expected && e.AcceptMessageId is not null && e.AcceptMessageId == verdict.Received),
            "error-text" => profile.Deviations.FirstOrDefault(d => d.Error is { } e
                && e.MessageId == c.Expected.Find<ExpectedError>()?.MessageId && e.AcceptText is not null && e.AcceptText == verdict.Received),
            _ => null,
        } ?? profile.Deviations.FirstOrDefault(d => d.Accept is { } a && a.Check == verdict.Check && Deviation.Covers(a.Cases, caseId));

    private static Deviation? StatusAlternative(TargetProfile profile, string caseId, CheckContext c) =>
        profile.Deviations.FirstOrDefault(d => d.Status is { } s && Deviation.Covers(s.Cases, caseId)
            && (s.Operation is null || s.Operation == c.Operation.OperationId)
            && s.Instead.Any(c.Expected.Statuses.Contains)
            && c.Exchange.Status is { } status && s.Received.Contains(status));
}
