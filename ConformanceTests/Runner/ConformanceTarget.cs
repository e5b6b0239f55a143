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

/// <summary>The target: where it is and what it is.</summary>
/// <param name="BaseUrl">Its address; for an in-process target, the <see cref="Client"/>'s base address.</param>
public sealed record ConformanceTarget(Uri BaseUrl, TargetKind Kind)
{
    /// <summary>
    /// An in-process target: the run sends every request, the mock's admin requests included, through this client
    /// (e.g. WebApplicationFactory's <c>CreateClient()</c>, or an HttpClient over the mock's handler), which the caller
    /// owns. Null: the run opens its own connections to <see cref="BaseUrl"/>.
    /// </summary>
    public HttpClient? Client { get; init; }

    /// <summary>A target reached through <paramref name="client"/> (its base address is the target's).</summary>
    public static ConformanceTarget InProcess(HttpClient client, TargetKind kind) =>
        new(client.BaseAddress ?? throw new ArgumentException("The client needs a BaseAddress (any, e.g. http://localhost/)."), kind) { Client = client };

    /// <summary>Only our mock can be asked for answers no request causes (429, 500) with the Prefer header.</summary>
    public bool HonoursPrefer => Kind is TargetKind.ExamplesMock or TargetKind.StatefulMock;

    public bool AnswersExamplesVerbatim => Kind == TargetKind.ExamplesMock;
}
