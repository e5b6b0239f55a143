namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The checks every answer goes through, in order. The first one gates the rest: no answer, nothing to judge.</summary>
public static class CheckSet
{
    public static readonly ICheck Gate = new AnswerReceived();

    public static readonly IReadOnlyList<ICheck> All =
    [
        new StatusIsDocumented(),
        new ContentTypeIsNegotiated(),
        new BodyConformsToSchema(),
        new DocumentedFieldsPresent(),
        new NameMatches(),
        new EnabledMatches(),
        new ConfigurationMatches(),
        new TimesAreNormalised(),
        new ListContainsApplications(),
        new TemplateMatches(),
        new TemplatesListed(),
        new PinSentTo(),
        new PinIdMatches(),
        new VerifyAnswerMatchesOutcome(),
        new AttemptsRemainingDecreases(),
        new AttemptsRemainingMatches(),
        new VerificationRecorded(),
        new MessageIdMatches(),
        new ErrorTextMatches(),
        new ExampleIsExact(),
    ];

    public static IReadOnlyList<CheckVerdict> Run(CheckContext context)
    {
        var gate = Gate.Run(context);
        if (gate.Failed) return [gate];
        return [gate, .. All.Select(check => check.Run(context))];
    }
}
