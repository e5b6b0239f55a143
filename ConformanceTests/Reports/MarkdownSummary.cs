using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Reports;

/// <summary>What the run tells a reader: the target, every documented case with its verdict, and on failure expected versus received.</summary>
public static class MarkdownSummary
{
    public sealed record RunFacts(string Target, ConformanceMode Mode, bool ReadOnly, TimeSpan Timeout, string RunId, IReadOnlyCollection<string> Created, int MaxCreates)
    {
        public TargetProfile Profile { get; init; } = TargetProfile.None;

        /// <summary>Budgets planned within, like "createApplication 20/10m" (empty: none).</summary>
        public IReadOnlyList<string> Budgets { get; init; } = [];

        /// <summary>429 answers the target gave (each backed off and retried once).</summary>
        public int Throttled { get; init; }

        /// <summary>Requests sent per operationId.</summary>
        public IReadOnlyDictionary<string, int> Sent { get; init; } = new Dictionary<string, int>();

        /// <summary>Set when the run was stopped before its end (Ctrl-C, --deadline): "stopped after N of M cases (why)".</summary>
        public string? Stopped { get; init; }

        /// <summary>The summary's heading (a comparison's: "Comparison summary").</summary>
        public string Title { get; init; } = "Conformance summary";

        /// <summary>What a failure's two values are called: expected versus received (a comparison's: a versus b).</summary>
        public string ExpectedLabel { get; init; } = "expected";

        public string ReceivedLabel { get; init; } = "received";

        public string SentText => Sent.Count == 0 ? "none" : string.Join(", ", Sent.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"));
    }

    public static string Render(ConformanceReport report, ContractDocument contract, RunFacts facts, CredentialMask mask)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {facts.Title}").AppendLine();
        md.AppendLine($"- Target: {facts.Target}");
        if (facts.Stopped is not null) md.AppendLine($"- **Run {facts.Stopped}**: the cases it did not reach are not run");
        md.AppendLine($"- Mode: {facts.Mode.ToString().ToLowerInvariant()}{(facts.ReadOnly ? ", read-only" : "")}; timeout per request {facts.Timeout.TotalSeconds:0.###} s; run id `{facts.RunId}`");
        md.AppendLine($"- Applications created: {facts.Created.Count} (budget {facts.MaxCreates}){(facts.Created.Count > 0 ? ": " + string.Join(", ", facts.Created.Select(n => $"`{n}`")) : "")}");
        md.AppendLine($"- Profile: `{facts.Profile.Name}`{(facts.Profile.Description.Length > 0 ? " (" + facts.Profile.Description + ")" : "")}");
        md.AppendLine($"- Budgets: {(facts.Budgets.Count == 0 ? "none" : string.Join(", ", facts.Budgets))}; throttled answers (429, backed off and retried): {facts.Throttled}; requests sent: {facts.SentText}");
        var all = report.All;
        var accepted = report.Accepted(facts.Profile);
        var stale = report.Stale(facts.Profile);
        md.AppendLine($"- Verdicts: {all.Count(r => r.Passed)} passed ({all.Count(r => r.Passed && r.Accepted)} with accepted deviations), "
            + $"{all.Count(r => !r.Passed && !r.Skipped)} failed, {all.Count(r => r.Skipped)} skipped or not run ({report.NotRunForBudget.Count} for budget)");
        md.AppendLine($"- Profile entries: {accepted.Count} seen and accepted, {stale.Count} never seen").AppendLine();

        if (accepted.Count > 0)
        {
            md.AppendLine("## Deviations seen and accepted by the profile").AppendLine();
            md.AppendLine("| Entry | Reason | Cases |").AppendLine("|---|---|---|");
            foreach (var (entry, cases) in accepted)
                md.AppendLine($"| `{entry.Id}` | {Cell(entry.Reason)} | {cases.Count}: {Cell(string.Join(", ", cases.Take(6)) + (cases.Count > 6 ? ", …" : ""))} |");
            md.AppendLine();
        }
        if (stale.Count > 0)
        {
            md.AppendLine("## Profile entries never seen (stale, or not reached by this run)").AppendLine();
            foreach (var entry in stale) md.AppendLine($"- `{entry.Id}` ({entry.Kind}): {Cell(entry.Reason)}");
            md.AppendLine();
        }

        var documentedIds = contract.AllOperations.SelectMany(o => o.Cases).Select(c => c.Id).ToList();
        Table(md, ConformanceReport.Documented, documentedIds, report.Section(ConformanceReport.Documented));
        if (report.Section(ConformanceReport.ExactExamples).Count > 0)
            Table(md, ConformanceReport.ExactExamples, documentedIds, report.Section(ConformanceReport.ExactExamples));
        foreach (var section in new[] { ConformanceReport.Negative, ConformanceReport.Lifecycle })
            Table(md, section, report.Section(section).Keys.Order().ToList(), report.Section(section));

        var failures = all.Where(r => !r.Passed && !r.Skipped).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine($"## Failures: {facts.ExpectedLabel} versus {facts.ReceivedLabel}").AppendLine();
            foreach (var result in failures.OrderBy(r => r.Id))
            {
                md.AppendLine($"### {result.Id}").AppendLine().AppendLine($"Request: {result.Request}").AppendLine();
                foreach (var verdict in result.Failures)
                {
                    md.AppendLine($"- **{verdict.Check}**: {verdict.Reason}");
                    if (verdict.Expected is not null)
                        md.AppendLine($"  - {facts.ExpectedLabel}: `{Inline(verdict.Expected)}`").AppendLine($"  - {facts.ReceivedLabel}: `{Inline(verdict.Received ?? "")}`");
                }
                md.AppendLine();
            }
        }
        return mask.Apply(md.ToString());
    }

    private static void Table(StringBuilder md, string title, IReadOnlyList<string> ids, IReadOnlyDictionary<string, CaseResult> results)
    {
        md.AppendLine($"## {title}").AppendLine();
        if (ids.Count == 0)
        {
            md.AppendLine("(none ran)").AppendLine();
            return;
        }
        md.AppendLine("| Case | Verdict | Details |").AppendLine("|---|---|---|");
        foreach (var id in ids)
        {
            var (verdict, details) = results.TryGetValue(id, out var r)
                ? r.Skipped ? (r.SkipReason!.StartsWith("not ", StringComparison.Ordinal) ? "not run" : "skipped", r.SkipReason!)
                : r.Passed && r.Accepted ? ("passed, deviation accepted", string.Join("; ", r.Verdicts.Where(v => v.Outcome == Outcome.Accepted).Select(v => $"{v.Check}: {v.Deviation}")))
                : r.Passed ? ("passed", string.Join(", ", r.Verdicts.Where(v => v.Outcome == Outcome.Passed).Select(v => v.Check)))
                : ("**FAILED**", string.Join("; ", r.Failures.Select(f => $"{f.Check}: {f.Reason}")))
                : ("not run", "filtered out or not reached");
            md.AppendLine($"| `{id}` | {verdict} | {Cell(details)} |");
        }
        md.AppendLine();
    }

    private static string Cell(string text) => Inline(text).Replace("|", "\\|").Replace("<", "&lt;");

    private static string Inline(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Replace("`", "'");
        return flat.Length <= 400 ? flat : flat[..400] + "…";
    }
}
