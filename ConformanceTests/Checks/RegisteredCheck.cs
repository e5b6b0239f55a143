using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// A check as <see cref="CheckSet"/> runs it, with its applicability declared (the Schemathesis model: a registered
/// function with what it needs): the fact of the expectation it judges, and which answers it applies to. When a
/// need is not met the verdict is "not applicable" with the declared reason: said here, never by the check.
/// </summary>
public sealed class RegisteredCheck : ICheck
{
    /// <summary>The check bound to what it needs from this context, or null when the expectation does not carry it.</summary>
    private readonly Func<CheckContext, Func<CheckVerdict>?> _bind;

    private readonly string _withoutNeed;
    private readonly IReadOnlyList<(Func<CheckContext, bool> Holds, string Otherwise)> _conditions;

    private RegisteredCheck(string name, Func<CheckContext, Func<CheckVerdict>?> bind, string withoutNeed,
        IReadOnlyList<(Func<CheckContext, bool>, string)> conditions)
    {
        Name = name;
        _bind = bind;
        _withoutNeed = withoutNeed;
        _conditions = conditions;
    }

    public string Name { get; }

    public CheckVerdict Run(CheckContext context)
    {
        if (_bind(context) is not { } run) return this.NotApplicable(_withoutNeed);
        foreach (var (holds, otherwise) in _conditions)
            if (!holds(context)) return this.NotApplicable(otherwise);
        return run();
    }

    /// <summary>A check of every answer.</summary>
    public static RegisteredCheck Always(ICheck check) => new(check.Name, c => () => check.Run(c), "", []);

    /// <summary>A check of answers whose expectation carries a <typeparamref name="TFact"/> (for which <paramref name="applies"/> holds).</summary>
    public static RegisteredCheck Needs<TFact>(ICheck<TFact> check, string without, Func<TFact, bool>? applies = null) where TFact : class =>
        Needs<TFact, TFact>(check, fact => applies is null || applies(fact) ? fact : null, without);

    /// <summary>A check of the part of a <typeparamref name="TFact"/> it judges (<paramref name="select"/>; null: the fact has none).</summary>
    public static RegisteredCheck Needs<TFact, TNeed>(ICheck<TNeed> check, Func<TFact, TNeed?> select, string without)
        where TFact : class where TNeed : class =>
        new(check.Name, c => c.Expected.Find<TFact>() is { } fact && select(fact) is { } need ? () => check.Run(c, need) : null, without, []);

    /// <summary>Also only when <paramref name="holds"/> holds of the context (a mode, the answer's status).</summary>
    public RegisteredCheck When(Func<CheckContext, bool> holds, string otherwise) =>
        new(Name, _bind, _withoutNeed, [.. _conditions, (holds, otherwise)]);

    /// <summary>Only on a successful (2xx) answer: any other is the status check's to judge.</summary>
    public RegisteredCheck OnSuccess() =>
        When(c => c.Exchange.Status is >= 200 and < 300, "not a successful answer (the status check judges it)");

    /// <summary>Only in strict mode (real deployments word their texts their own way).</summary>
    public RegisteredCheck StrictOnly(string otherwise) => When(c => c.Mode == ConformanceMode.Strict, otherwise);
}
