using static TwoFactorContracts.ConformanceTests.Checks.RegisteredCheck;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// The checks every answer goes through, in order, each registered with what it needs of the expectation. The first
/// one gates the rest: no answer, nothing to judge.
/// </summary>
public static class CheckSet
{
    public static readonly ICheck Gate = new AnswerReceived();

    public static readonly IReadOnlyList<ICheck> All =
    [
        Always(new StatusIsDocumented()),
        Always(new ContentTypeIsNegotiated()),
        Always(new BodyConformsToSchema()),
        Always(new DocumentedFieldsPresent()).OnSuccess(),
        Needs<ExpectedApplication>(new NameMatches(), "no name is expected", a => a.Values.ContainsKey("name")),
        Needs<ExpectedApplication>(new EnabledMatches(), "no enabled value is expected", a => a.Values.ContainsKey("enabled")),
        Needs<ExpectedApplication, ExpectedConfiguration>(new ConfigurationMatches(), a => a.Configuration, "no configuration is expected"),
        Needs<IApplicationsExpected>(new TimesAreNormalised(), "the answer carries no application the run checks"),
        Needs<ExpectedListMembers>(new ListContainsApplications(), "no list members are expected", l => l.Applications.Count > 0),
        Needs<ExpectedTemplate>(new TemplateMatches(), "no template values are expected").OnSuccess(),
        Needs<ExpectedTemplatesListed>(new TemplatesListed(), "no templates are expected in a list", t => t.MessageIds.Count > 0),
        Needs<ExpectedPin>(new PinSentTo(), "no PIN was sent").OnSuccess(),
        Needs<ExpectedPin, DeliveryTracked>(new ExternalMessageIdIssued(), p => p.Tracked, "no delivery reports were asked for (trackDelivery)").OnSuccess(),
        Needs<INamesPin>(new PinIdMatches(), "no pinId is expected", p => p.PinId is not null).OnSuccess(),
        Needs<ExpectedOutcome>(new SendOutcomeMatches(), "no send outcome is expected").OnSuccess(),
        Needs<ExpectedVerification>(new VerifyAnswerMatchesOutcome(), "no verify outcome is expected").OnSuccess(),
        Needs<ExpectedVerification, AttemptSpent>(new AttemptsRemainingDecreases(), v => v.Spent, "no wrong PIN was sent").OnSuccess(),
        Needs<ExpectedVerification, AttemptsLeft>(new AttemptsRemainingMatches(), v => v.Left,
            "no attempt count is expected (or a wrong PIN: attempts-decrease)").OnSuccess(),
        Needs<ExpectedVerificationStatus>(new VerificationRecorded(), "no verification is expected").OnSuccess(),
        Needs<ExpectedError>(new MessageIdMatches(), "no error is expected"),
        Needs<ExpectedError>(new ErrorTextMatches(), "no error text is expected", e => e.Text is not null)
            .StrictOnly("lenient mode compares messageIds only"),
        Needs<ExpectedExample>(new ExampleIsExact(), "the target is not expected to answer examples verbatim"),
    ];

    /// <summary>The registered check of that name (as reports name it).</summary>
    public static ICheck Named(string name) =>
        name == Gate.Name ? Gate : All.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"no check is named '{name}'");

    public static IReadOnlyList<CheckVerdict> Run(CheckContext context)
    {
        var gate = Guarded(Gate, context);
        if (gate.Failed) return [gate];
        return [gate, .. All.Select(check => Guarded(check, context))];
    }

    /// <summary>
    /// Runs one check so that nothing it throws ends the run: the last line of defence behind the total readers
    /// (<see cref="JsonRead"/>, <see cref="CheckContext.Values"/>). An exception becomes that check's failure.
    /// </summary>
    public static CheckVerdict Guarded(ICheck check, CheckContext context)
    {
        try { return check.Run(context); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new CheckVerdict(check.Name, Outcome.Failed, $"{CouldNotJudge}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}",
                "an answer the check can read", CheckContext.Excerpt(context.Exchange.Body));
        }
    }

    /// <summary>How a verdict of a check that threw begins.</summary>
    public const string CouldNotJudge = "could not judge the answer";
}
