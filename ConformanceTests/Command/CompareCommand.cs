using System.Globalization;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Compare;
using TwoFactorContracts.ConformanceTests.Planning;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Command;

/// <summary>
/// <c>tfc compare</c>: the verify run against two targets at once, each with its own runner (so each uses the ids it
/// issued), then every answer of b laid beside a's (<see cref="Comparison"/>). Exit 0 no difference beyond the profile,
/// 1 differences, 2 could not run (one line on stderr, never a stack trace).
/// </summary>
public static class CompareCommand
{
    public const int Same = 0;
    public const int Different = 1;
    public const int CouldNotRun = 2;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default) =>
        RunAsync(args, stdout, stderr, Environment.GetEnvironmentVariable, cancel);

    /// <summary>As <see cref="RunAsync(string[],TextWriter,TextWriter,CancellationToken)"/>, with the environment given (tests).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> env, CancellationToken cancel = default)
    {
        try
        {
            return await CompareAsync(args, stdout, TextWriter.Synchronized(stderr), env, cancel);
        }
        catch (Exception e) when (e is ArgumentException or ProfileException or UriFormatException or FormatException or IOException)
        {
            await stderr.WriteLineAsync($"compare: {e.Message.ReplaceLineEndings(" ")}");
            return CouldNotRun;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("compare: cancelled");
            return CouldNotRun;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stderr.WriteLineAsync($"compare: could not run ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})");
            return CouldNotRun;
        }
    }

    private static async Task<int> CompareAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> env, CancellationToken cancel)
    {
        var options = CompareOptions.Parse(args, env);
        if (options.Help)
        {
            await stdout.WriteLineAsync(CompareOptions.Usage());
            return Same;
        }
        var runId = "cmp-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];
        var contract = ContractDocument.Load();
        using var a = Side("a", options, runId, contract, stderr);
        using var b = Side("b", options, runId, contract, stderr);
        var mask = new CredentialMask([a.Runner.Settings.Authorization, b.Runner.Settings.Authorization]);
        var comparison = new Comparison(a, b, new CompareRules(contract));
        comparison.Plan(options.Only);
        if (options.List)
        {
            foreach (var item in comparison.PlanA) await stdout.WriteLineAsync(item.Id);
            return Same;
        }
        if (comparison.PlanA.Count == 0) throw new ArgumentException($"--only '{options.Only}' matches no case (--list shows them)");

        var settings = a.Runner.Settings;
        using var deadline = new CancellationTokenSource();
        if (settings.Deadline is { } limit) deadline.CancelAfter(limit);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline.Token);
        string WhyStopped() => cancel.IsCancellationRequested ? "cancelled" : "the --deadline passed";

        var started = DateTime.UtcNow;
        string?[] problems;
        try { problems = await Task.WhenAll(a.Run.PreflightAsync(stop.Token), b.Run.PreflightAsync(stop.Token)); }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { problems = [null, null]; }
        if (problems.Select((p, i) => p is null ? null : $"{(i == 0 ? "a" : "b")}: {p}").FirstOrDefault(p => p is not null) is { } problem)
        {
            await stderr.WriteLineAsync($"compare: {mask.Apply(problem)}");
            return CouldNotRun;
        }
        var profile = a.Runner.Profile;
        stderr.WriteLine(mask.Apply($"compare: a {a.Runner.Target.BaseUrl} with b {b.Runner.Target.BaseUrl}, profile {profile.Name}, {comparison.PlanA.Count} cases"));
        var report = await comparison.RunAsync(stop.Token, WhyStopped);

        var facts = new MarkdownSummary.RunFacts(
            $"a {a.Runner.Target.BaseUrl} ({Kind(a)}) compared with b {b.Runner.Target.BaseUrl} ({Kind(b)})",
            settings.Mode, settings.ReadOnly, settings.Timeout, runId, [.. a.Runner.Budget.Created, .. b.Runner.Budget.Created], settings.MaxCreates * 2)
        {
            Title = "Comparison summary",
            ExpectedLabel = "a",
            ReceivedLabel = "b",
            Profile = profile,
            Budgets = ConformanceRunner.Budgets(profile, contract, settings).Select(x => $"{x.Key} {BudgetText.Format(x.Value)} (each target)").ToList(),
            Throttled = a.Runner.Gate.Throttled + b.Runner.Gate.Throttled,
            Sent = a.Runner.Gate.Sent.Concat(b.Runner.Gate.Sent).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value)),
            Stopped = comparison.Stopped?.ToString(),
        };
        if (options.ReportDir is { } dir)
        {
            var full = Path.GetFullPath(dir);
            Directory.CreateDirectory(full);
            await File.WriteAllTextAsync(Path.Combine(full, "summary.md"), MarkdownSummary.Render(report, contract, facts, mask), CancellationToken.None);
            await File.WriteAllTextAsync(Path.Combine(full, "junit.xml"), JunitReport.Render(report, mask, "compare"), CancellationToken.None);
            await File.WriteAllTextAsync(Path.Combine(full, "compare.json"), JsonReport.Render(report, facts, mask), CancellationToken.None);
        }
        await stdout.WriteLineAsync(mask.Apply(Summary(report, facts, comparison.Ids.Count, DateTime.UtcNow - started)));
        if (comparison.Stopped is { } stopped)
        {
            await stderr.WriteLineAsync($"compare: {stopped}; {(options.ReportDir is null ? "the summary is on stdout" : "reports written")}");
            return report.Failed.Count > 0 ? Different : CouldNotRun;
        }
        return report.Failed.Count > 0 ? Different : Same;
    }

    private static CompareSide Side(string label, CompareOptions options, string runId, ContractDocument contract, TextWriter stderr)
    {
        var settings = ConformanceSettings.FromEnvironment(options.SettingsFor(label, runId));
        var profile = TargetProfile.Load(settings.Profile);
        var progress = new LabelledProgress(label, new StderrProgress(stderr, terminal: false));
        var gate = new RequestGate(ConformanceRunner.Budgets(profile, contract, settings), settings.NoWait, progress);
        var target = new ConformanceTarget(settings.TargetUrl ?? new Uri("http://127.0.0.1:9/"),
            settings.TargetIsOurMock && settings.TargetUrl is not null ? TargetKind.StatefulMock : TargetKind.External);
        return new CompareSide(label, new ConformanceRunner(target, settings, contract, profile, gate), progress);
    }

    private static string Kind(CompareSide side) => side.Runner.Target.Kind == TargetKind.External ? "external" : "our mock";

    /// <summary>What stdout says: SAME or DIFFERENT with counts, then each difference and each accepted one, one line each.</summary>
    public static string Summary(ConformanceReport report, MarkdownSummary.RunFacts facts, int idsMapped, TimeSpan elapsed)
    {
        var all = report.All;
        var differing = report.Failed;
        var accepted = all.Where(r => r.Passed && r.Accepted).OrderBy(r => r.Id).ToList();
        var verdict = differing.Count > 0 ? "DIFFERENT" : facts.Stopped is not null ? "STOPPED" : "SAME";
        var lines = new List<string>
        {
            $"{verdict}: {all.Count(r => !r.Skipped)} cases compared, {differing.Count} differ, {accepted.Count} differ only as the profile accepts, "
            + $"{all.Count(r => r.Skipped)} not compared; {idsMapped} ids mapped; {facts.Throttled} throttled answers; {elapsed.TotalSeconds:0.0} s",
            $"Requests sent (both targets): {facts.SentText}",
        };
        if (facts.Stopped is not null) lines.Insert(1, $"Run {facts.Stopped}: the cases it did not reach are not compared");
        if (differing.Count > 0)
        {
            lines.Add("Differences (a versus b):");
            lines.AddRange(differing.SelectMany(r => r.Failures.Select(f => $"  {r.Id}: {f.Check}: {f.Reason}")));
        }
        if (accepted.Count > 0)
        {
            lines.Add($"Differences accepted by profile {facts.Profile.Name}:");
            lines.AddRange(accepted.SelectMany(r => r.Verdicts.Where(v => v.Outcome == Checks.Outcome.Accepted).Select(v => $"  {r.Id}: {v.Check}: {v.Reason}")));
        }
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Progress of one target's run, each line marked with its label (both runs share stderr).</summary>
    private sealed class LabelledProgress(string label, IRunProgress inner) : IRunProgress
    {
        public void Case(int number, int total, string id) => inner.Case(number, total, $"{label}: {id}");

        public void Waiting(string reason, TimeSpan remaining) => inner.Waiting($"{label}: {reason}", remaining);

        public void Note(string line) => inner.Note($"{label}: {line}");
    }
}
