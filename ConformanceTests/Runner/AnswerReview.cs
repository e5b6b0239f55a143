using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Profiles;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// The one way an answer is judged, by <c>tfc verify</c> and <c>tfc proxy</c> alike: the checks (<see cref="CheckSet"/>),
/// then the target profile (<see cref="ProfileReview"/>) and the decision of ours the expectation rests on
/// (<see cref="OurDecisions"/>), every text masked.
/// </summary>
public static class AnswerReview
{
    public static IReadOnlyList<CheckVerdict> Judge(string id, CheckContext context, CredentialMask mask) =>
        Review(id, context, CheckSet.Run(context), mask);

    /// <summary>Reviews verdicts already given (e.g. only some checks ran) by the profile and the decision, masked.</summary>
    public static IReadOnlyList<CheckVerdict> Review(string id, CheckContext context, IReadOnlyList<CheckVerdict> verdicts, CredentialMask mask)
    {
        var (exchange, expected, profile) = (context.Exchange, context.Expected, context.Profile);
        var reviewed = ProfileReview.Apply(profile, id, context, verdicts);
        if (expected.Decision is { } decision)
            reviewed = OurDecisions.Review(reviewed, decision, profile, OurDecisions.Did(exchange), OurDecisions.Excusable(exchange, expected.MustRefuse));
        return reviewed
            .Select(v => v with
            {
                Reason = mask.Apply(v.Reason),
                Expected = v.Expected is null ? null : mask.Apply(v.Expected),
                Received = v.Received is null ? null : mask.Apply(v.Received),
            })
            .ToList();
    }
}
