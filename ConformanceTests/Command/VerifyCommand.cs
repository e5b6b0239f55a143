using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Command;

/// <summary>
/// The conformance command: verifies one deployment and says so with its exit status (0 conforms, 1 a case failed,
/// 2 could not run). Progress goes to stderr, the verdict summary to stdout. Callable from another program
/// (a later <c>tfc verify</c>) with its own writers.
/// </summary>
public static class VerifyCommand
{
    public const int Conforms = 0;
    public const int Failed = 1;
    public const int CouldNotRun = 2;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default) =>
        RunAsync(args, stdout, stderr, Environment.GetEnvironmentVariable, null, cancel);

    /// <summary>As <see cref="RunAsync(string[],TextWriter,TextWriter,CancellationToken)"/>, with the environment and the gate's clock given (tests).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> env,
        Func<IReadOnlyDictionary<string, Throttling>, bool, IRunProgress, RequestGate>? gateFactory, CancellationToken cancel = default)
    {
        try
        {
            return await VerifyAsync(args, stdout, stderr, env, gateFactory, cancel);
        }
        catch (Exception e) when (e is ArgumentException or ProfileException or UriFormatException or FormatException)
        {
            await stderr.WriteLineAsync($"conformance: {e.Message}");
            return CouldNotRun;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("conformance: cancelled");
            return CouldNotRun;
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"conformance: {e.Message}");
            return CouldNotRun;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A defect of the command itself: still one line for the user, with what to report.
            await stderr.WriteLineAsync($"conformance: could not run ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})");
            return CouldNotRun;
        }
    }

    private static async Task<int> VerifyAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> env,
        Func<IReadOnlyDictionary<string, Throttling>, bool, IRunProgress, RequestGate>? gateFactory, CancellationToken cancel)
    {
        var options = VerifyOptions.Parse(args);
        if (options.Help)
        {
            await stdout.WriteLineAsync(VerifyOptions.Usage());
            return Conforms;
        }
        var lookup = options.Environment(env);
        if (!options.List && lookup("CONFORMANCE_TARGET_URL") is not { Length: > 0 })
            throw new ArgumentException("--target <url> (or CONFORMANCE_TARGET_URL) is required; --help lists the options");
        if (lookup("CONFORMANCE_TARGET_URL") is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
            throw new ArgumentException($"--target '{url}' is not an http(s) URL");
        var settings = ConformanceSettings.FromEnvironment(lookup);
        var contract = ContractDocument.Load();
        var profile = TargetProfile.Load(settings.Profile);
        var budgets = ConformanceRunner.Budgets(profile, contract, settings);
        var progress = new StderrProgress(stderr, terminal: ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);
        var gate = gateFactory?.Invoke(budgets, settings.NoWait, progress) ?? new RequestGate(budgets, settings.NoWait, progress);
        var target = new ConformanceTarget(settings.TargetUrl ?? new Uri("http://127.0.0.1:9/"),
            settings.TargetIsOurMock && settings.TargetUrl is not null ? TargetKind.StatefulMock : TargetKind.External);
        using var runner = new ConformanceRunner(target, settings, contract, profile, gate);
        using var run = new ConformanceRun(runner, progress);
        var plan = run.Plan(options.Only);

        if (options.List)
        {
            foreach (var item in plan) await stdout.WriteLineAsync(item.Id);
            return Conforms;
        }
        if (plan.Count == 0) throw new ArgumentException($"--only '{options.Only}' matches no case (--list shows them)");

        // Ctrl-C (the caller's token) and --deadline stop the run the same way: what ran is reported.
        using var deadline = new CancellationTokenSource();
        if (settings.Deadline is { } limit) deadline.CancelAfter(limit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline.Token);
        string WhyStopped() => cancel.IsCancellationRequested ? "cancelled" : $"the --deadline of {Format(settings.Deadline ?? TimeSpan.Zero)} passed";

        var started = DateTime.UtcNow;
        string? problem = null;
        try { problem = await run.PreflightAsync(stop.Token); }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { } // stopped before the first case: every case is not run
        if (problem is not null)
        {
            await stderr.WriteLineAsync($"conformance: {runner.Mask.Apply(problem)}");
            return CouldNotRun;
        }
        var budgetText = budgets.Select(b => $"{b.Key} {BudgetText.Format(b.Value)}").ToList();
        progress.Note($"conformance: {runner.Mask.Apply(target.BaseUrl.ToString())}, profile {profile.Name}, {settings.Mode.ToString().ToLowerInvariant()} mode, "
            + $"{plan.Count} cases, budgets: {(budgetText.Count == 0 ? "none" : string.Join(", ", budgetText))}{(settings.NoWait ? " (no waiting)" : "")}"
            + $"{(settings.Deadline is { } d ? $", deadline {Format(d)}" : "")}");
        var report = await run.RunAsync(plan, stop.Token, WhyStopped);

        var facts = new MarkdownSummary.RunFacts(
            $"{target.BaseUrl} ({(target.Kind == TargetKind.External ? "external deployment" : "our mock")})",
            settings.Mode, settings.ReadOnly, settings.Timeout, settings.RunId, runner.Budget.Created.ToList(), settings.MaxCreates)
        {
            Profile = profile,
            Budgets = budgetText,
            Throttled = gate.Throttled,
            Sent = gate.Sent.ToDictionary(),
            Stopped = run.Stopped?.ToString(),
        };
        // Written whether or not the run was stopped (so never with the stopping token).
        string?[] reports = [lookup("CONFORMANCE_REPORT"), options.Junit, options.Json, options.WriteBaseline];
        await WriteAsync(reports[0], () => MarkdownSummary.Render(report, contract, facts, runner.Mask));
        await WriteAsync(reports[1], () => JunitReport.Render(report, runner.Mask));
        await WriteAsync(reports[2], () => JsonReport.Render(report, facts, runner.Mask));
        await WriteAsync(reports[3], () => runner.Mask.Apply(Baseline.From(profile, report, settings.RunId).ToJson()));

        await stdout.WriteLineAsync(runner.Mask.Apply(Summary(report, facts, DateTime.UtcNow - started)));
        if (run.Stopped is { } stopped)
        {
            // A stopped run with a failure has found what it looks for (1); otherwise it could not say (2).
            await stderr.WriteLineAsync($"conformance: {stopped}; "
                + (reports.Any(r => !string.IsNullOrEmpty(r)) ? "reports written" : "the summary is on stdout"));
            return report.Failed.Count > 0 ? Failed : CouldNotRun;
        }
        return report.Failed.Count > 0 ? Failed : Conforms;
    }

    private static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s"
        : $"{t.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} ms";

    /// <summary>What stdout says: counts, then failures, accepted deviations and stale entries, one line each.</summary>
    public static string Summary(ConformanceReport report, MarkdownSummary.RunFacts facts, TimeSpan elapsed)
    {
        var all = report.All;
        var accepted = report.Accepted(facts.Profile);
        var stale = report.Stale(facts.Profile);
        var verdict = report.Failed.Count > 0 ? "DOES NOT CONFORM" : facts.Stopped is not null ? "STOPPED" : "CONFORMS";
        var lines = new List<string>
        {
            $"{verdict}: {all.Count(r => r.Passed)} passed, {report.Failed.Count} failed, "
            + $"{all.Count(r => r.Skipped)} not run or skipped ({report.NotRunForBudget.Count} for budget); "
            + $"{facts.Throttled} throttled answers; {facts.Created.Count} applications created; {elapsed.TotalSeconds:0.0} s",
            $"Requests sent: {facts.SentText}",
        };
        if (facts.Stopped is not null) lines.Insert(1, $"Run {facts.Stopped}: the cases it did not reach are not run");
        if (report.Failed.Count > 0)
        {
            lines.Add("Failures:");
            lines.AddRange(report.Failed.Select(r => $"  {r.Id}: {string.Join("; ", r.Failures.Select(f => $"{f.Check}: {f.Reason}"))}"));
        }
        if (accepted.Count > 0)
        {
            lines.Add($"Deviations seen and accepted by profile {facts.Profile.Name}:");
            lines.AddRange(accepted.Select(a => $"  {a.Entry.Id} ({a.Cases.Count} cases): {a.Entry.Reason}"));
        }
        if (stale.Count > 0)
        {
            lines.Add($"Profile entries never seen (stale, or not reached):");
            lines.AddRange(stale.Select(d => $"  {d.Id}: {d.Reason}"));
        }
        if (report.NotRunForBudget.Count > 0)
            lines.Add($"Not run for budget: {string.Join(", ", report.NotRunForBudget.Select(r => r.Id).Take(10))}{(report.NotRunForBudget.Count > 10 ? ", …" : "")}");
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task WriteAsync(string? path, Func<string> render)
    {
        if (string.IsNullOrEmpty(path)) return;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, render(), CancellationToken.None);
    }
}
