namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>What the suite knows about the target, which decides how requests are assembled and judged.</summary>
public enum TargetKind
{
    /// <summary>Our mock in examples mode: documented requests get the documented answers verbatim.</summary>
    ExamplesMock,

    /// <summary>Our mock in stateful mode: ids come from created applications; it honours Prefer.</summary>
    StatefulMock,

    /// <summary>Any other deployment: ids come from created applications; Prefer is not relied on.</summary>
    External,
}

public sealed record ConformanceTarget(Uri BaseUrl, TargetKind Kind)
{
    /// <summary>Only our mock can be asked for answers no request causes (429, 500) with the Prefer header.</summary>
    public bool HonoursPrefer => Kind is TargetKind.ExamplesMock or TargetKind.StatefulMock;

    public bool AnswersExamplesVerbatim => Kind == TargetKind.ExamplesMock;
}
