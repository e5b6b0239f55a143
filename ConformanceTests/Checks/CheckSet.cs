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
