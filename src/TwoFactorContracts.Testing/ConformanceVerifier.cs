using System.Diagnostics;
using System.Globalization;
using TwoFactorContracts.ConformanceTests.Command;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.Contract;
using Xunit;

namespace TwoFactorContracts.Testing;

/// <summary>How <see cref="ConformanceVerifier"/> runs; every member is one of <c>tfc verify</c>'s flags.</summary>
public sealed record ConformanceVerifierOptions
{
    /// <summary>
    /// The target is our mock (e.g. a <see cref="TwoFactorMockHandler"/>, perhaps behind handlers of yours): it is asked
    /// for the answers no request causes with <c>Prefer</c>, and the right PIN is read from its outbox. Default false: an
    /// implementation of your own (<c>--target-kind external</c>).
    /// </summary>
    public bool TargetIsOurMock { get; init; }

    /// <summary>The credential every request sends (<c>--auth</c>); default the seed page's Basic credential.</summary>
    public string? Authorization { get; init; }

    /// <summary>A credential the target answers 403, for the documented 403 cases (<c>--forbidden-auth</c>).</summary>
    public string? ForbiddenAuthorization { get; init; }

    /// <summary>Our mock's admin credentials, when it has them (<c>--admin-auth</c>).</summary>
    public string? AdminAuthorization { get; init; }

    /// <summary>Where the right PIN of a sent pinId comes from on your own implementation: a URL or a command (<c>--pin-from</c>).</summary>
    public string? PinFrom { get; init; }

    /// <summary>Only the cases whose id matches this glob, e.g. <c>getApplication/*</c> (<c>--only</c>).</summary>
    public string? Only { get; init; }

    /// <summary>Compare error texts exactly (true) or only messageIds (false); default: exactly for our mock, messageIds otherwise (<c>--mode</c>).</summary>
    public bool? Strict { get; init; }

    /// <summary>Send only what cannot write (<c>--read-only</c>).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>With a budget used up, mark the rest "not run: budget" instead of waiting (<c>--no-wait</c>); default true (a test does not wait 10 minutes).</summary>
    public bool NoWait { get; init; } = true;

    /// <summary>Skip the real-time expiry scenario on your own implementation (<c>--no-expiry</c>).</summary>
    public bool NoExpiry { get; init; }

    /// <summary>Per-request timeout (<c>--timeout</c>); default 10 s.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Each line of progress (e.g. xunit's <c>ITestOutputHelper.WriteLine</c>); null: silent.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>What a verification found: <see cref="Conforms"/>, the summary <c>tfc verify</c> prints, every failure, the report.</summary>
public sealed class ConformanceVerification
{
    internal ConformanceVerification(ConformanceReport? report, string summary, string markdown, string? problem)
    {
        Report = report;
        Summary = summary;
        Markdown = markdown;
        Problem = problem;
        Failures = report?.Failed
            .Select(r => $"{r.Id}: {string.Join("; ", r.Failures.Select(f => $"{f.Check}: {f.Reason}"))}")
            .ToList() ?? [];
    }

    /// <summary>True when the run could be made and no case failed (accepted deviations and skipped cases do not fail it).</summary>
    public bool Conforms => Problem is null && Failures.Count == 0;

    /// <summary>Why the run could not be made (the target refused the credentials, answered nothing), or null.</summary>
    public string? Problem { get; }

    /// <summary>One line per failed case: <c>case: check: why</c>.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>The text <c>tfc verify</c> prints: the verdict with counts, then failures, accepted deviations and stale profile entries.</summary>
    public string Summary { get; }

    /// <summary>The Markdown report (<c>--report</c>): failures with expected versus received.</summary>
    public string Markdown { get; }

    /// <summary>Every case's verdicts; null when the run could not be made.</summary>
    public ConformanceReport? Report { get; }

    /// <summary>The summary, so <c>Assert.True(result.Conforms, result.ToString())</c> says what failed.</summary>
    public override string ToString() => Summary;
}

/// <summary>
/// Provider verification inside <c>dotnet test</c>: the conformance suite (<c>tfc verify</c>'s engine: every documented
/// case in JSON and XML, the negative cases, the lifecycle and PIN-flow scenarios, judged by the contract and a target
/// profile) run against an in-process target through an <see cref="HttpClient"/>, e.g. WebApplicationFactory's:
/// <code>
/// var result = await ConformanceVerifier.VerifyAsync(factory.CreateClient(), profile: "seed");
/// Assert.True(result.Conforms, result.Summary);
/// </code>
/// </summary>
public static class ConformanceVerifier
{
    /// <summary>
    /// Verifies the target behind <paramref name="client"/> (its BaseAddress is the target's; it must send no default
    /// Authorization: each request sets its own). <paramref name="profile"/>: <c>seed</c>, <c>today</c>, or a profile file.
    /// </summary>
    public static async Task<ConformanceVerification> VerifyAsync(HttpClient client, string profile = TargetProfile.Seed,
        ConformanceVerifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new ConformanceVerifierOptions();
        var baseUrl = client.BaseAddress ?? throw new ArgumentException("The client needs a BaseAddress (any, e.g. http://localhost/).", nameof(client));
        using var prepared = Prepared.For(client, profile, options);
        var (settings, contract, targetProfile, budgets, gate, runner, run) = prepared;
        var plan = run.Plan(options.Only);
        if (plan.Count == 0) throw new ArgumentException($"Only '{options.Only}' matches no case.", nameof(options));

        var started = Stopwatch.GetTimestamp();
        if (await run.PreflightAsync(cancellationToken).ConfigureAwait(false) is { } problem)
        {
            var text = runner.Mask.Apply(problem);
            return new ConformanceVerification(null, $"COULD NOT RUN: {text}", $"# Conformance\n\nCould not run: {text}\n", text);
        }
        var report = await run.RunAsync(plan, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested(); // a stopped run is no verdict
        var facts = new MarkdownSummary.RunFacts(
            $"{baseUrl} (in-process, {(options.TargetIsOurMock ? "our mock" : "external implementation")})",
            settings.Mode, settings.ReadOnly, settings.Timeout, settings.RunId, runner.Budget.Created.ToList(), settings.MaxCreates)
        {
            Profile = targetProfile,
            Budgets = budgets.Select(b => $"{b.Key} {BudgetText.Format(b.Value)}").ToList(),
            Throttled = gate.Throttled,
            Sent = gate.Sent.ToDictionary(),
        };
        return new ConformanceVerification(report,
            runner.Mask.Apply(VerifyCommand.Summary(report, facts, Stopwatch.GetElapsedTime(started))),
            MarkdownSummary.Render(report, contract, facts, runner.Mask),
            null);
    }

    /// <summary>
    /// The ids of every case a run plans (documented, negative, lifecycle and PIN-flow scenarios) as xunit theory data,
    /// so each can be a test of its own; run one with <see cref="ConformanceVerifierOptions.Only"/> set to its id:
    /// <code>
    /// public static TheoryData&lt;string&gt; Cases => ConformanceVerifier.CaseIds();
    /// [Theory, MemberData(nameof(Cases))]
    /// public async Task Conforms(string id) =&gt;
    ///     Assert.True((await ConformanceVerifier.VerifyAsync(handler, "seed", new() { Only = id })).Conforms);
    /// </code>
    /// Read from the contract alone: nothing is sent.
    /// </summary>
    public static TheoryData<string> CaseIds(string profile = TargetProfile.Seed, ConformanceVerifierOptions? options = null)
    {
        options ??= new ConformanceVerifierOptions();
        // The plan needs a runner, and a runner a target: one that is never sent to.
        using var unsent = new HttpClient(new UnsentHandler()) { BaseAddress = new Uri("http://localhost/") };
        using var prepared = Prepared.For(unsent, profile, options with { Log = null });
        return [.. prepared.Run.Plan(options.Only).Select(item => item.Id)];
    }

    /// <summary>Verifies the mock behind <paramref name="handler"/> (as our mock: Prefer and its outbox are used).</summary>
    public static async Task<ConformanceVerification> VerifyAsync(TwoFactorMockHandler handler, string profile = TargetProfile.Seed,
        ConformanceVerifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using var client = handler.CreateClient(authorization: "");
        return await VerifyAsync(client, profile, (options ?? new ConformanceVerifierOptions()) with { TargetIsOurMock = true }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The options as the command's CONFORMANCE_* variables, so they are read (and checked) exactly as <c>tfc verify</c> reads them.</summary>
    private static Dictionary<string, string> VariablesOf(ConformanceVerifierOptions options, Uri baseUrl, string profile)
    {
        var env = new Dictionary<string, string>
        {
            ["CONFORMANCE_TARGET_URL"] = baseUrl.ToString(),
            ["CONFORMANCE_TARGET_KIND"] = options.TargetIsOurMock ? "mock" : "external",
            ["CONFORMANCE_PROFILE"] = profile,
            ["CONFORMANCE_READ_ONLY"] = options.ReadOnly ? "true" : "false",
            ["CONFORMANCE_NO_WAIT"] = options.NoWait ? "true" : "false",
            ["CONFORMANCE_NO_EXPIRY"] = options.NoExpiry ? "true" : "false",
        };
        void Set(string name, string? value)
        {
            if (value is not null) env[name] = value;
        }
        Set("CONFORMANCE_AUTH", options.Authorization);
        Set("CONFORMANCE_FORBIDDEN_AUTH", options.ForbiddenAuthorization);
        Set("CONFORMANCE_ADMIN_AUTH", options.AdminAuthorization);
        Set("CONFORMANCE_PIN_FROM", options.PinFrom);
        Set("CONFORMANCE_MODE", options.Strict is { } strict ? strict ? "strict" : "lenient" : null);
        Set("CONFORMANCE_TIMEOUT", options.Timeout?.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        return env;
    }

    /// <summary>A run set up against <c>client</c> with the options read as <c>tfc verify</c> reads its flags.</summary>
    private sealed record Prepared(ConformanceSettings Settings, ContractDocument Contract, TargetProfile Profile,
        IReadOnlyDictionary<string, Throttling> Budgets, RequestGate Gate, ConformanceRunner Runner, ConformanceRun Run) : IDisposable
    {
        public static Prepared For(HttpClient client, string profile, ConformanceVerifierOptions options)
        {
            var settings = ConformanceSettings.FromEnvironment(VariablesOf(options, client.BaseAddress!, profile).GetValueOrDefault);
            var contract = ContractDocument.Load();
            var targetProfile = TargetProfile.Load(settings.Profile);
            var budgets = ConformanceRunner.Budgets(targetProfile, contract, settings);
            var progress = new LogProgress(options.Log);
            var gate = new RequestGate(budgets, settings.NoWait, progress);
            var target = ConformanceTarget.InProcess(client, options.TargetIsOurMock ? TargetKind.StatefulMock : TargetKind.External);
            var runner = new ConformanceRunner(target, settings, contract, targetProfile, gate);
            return new Prepared(settings, contract, targetProfile, budgets, gate, runner, new ConformanceRun(runner, progress));
        }

        public void Dispose()
        {
            Run.Dispose();
            Runner.Dispose();
        }
    }

    private sealed class UnsentHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("CaseIds plans a run; it sends nothing.");
    }

    private sealed class LogProgress(Action<string>? log) : IRunProgress
    {
        public void Case(int number, int total, string id) { }

        public void Waiting(string reason, TimeSpan remaining) => log?.Invoke($"waiting {remaining:m\\:ss}: {reason}");

        public void Note(string line) => log?.Invoke(line);
    }
}
