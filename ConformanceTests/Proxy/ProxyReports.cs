using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// What the proxy writes on stop: <c>summary.md</c>, <c>junit.xml</c> (one test case per cell of the coverage:
/// operation x status x media type), <c>coverage.json</c>, and with --write-baseline a profile accepting every
/// violation seen (<see cref="Baseline"/>, as <c>tfc verify</c> writes it).
/// </summary>
public static class ProxyReports
{
    public const string Summary = "summary.md";
    public const string Junit = "junit.xml";
    public const string Coverage = "coverage.json";

    public sealed record RunFacts(string Target, TargetProfile Profile, ConformanceMode Mode, DateTimeOffset Started, DateTimeOffset Stopped, string Why);

    /// <summary>A documented answer: operation x status x media type, and what was seen of it.</summary>
    public sealed record CoverageCell(string Operation, int Status, string MediaType, int Seen, int SeenWithViolations)
    {
        public string State => Seen == 0 ? "never seen" : SeenWithViolations > 0 ? "seen with violations" : "seen";
    }

    /// <summary>Every documented answer of the contract (each status in each media type it documents a body in).</summary>
    public static IReadOnlyList<(ContractOperation Operation, int Status, BodyFormat Format)> Documented(ContractDocument contract)
    {
        var cells = new List<(ContractOperation, int, BodyFormat)>();
        foreach (var operation in contract.AllOperations)
            foreach (var status in operation.Responses.Select(r => r.Status).Distinct())
                foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
                {
                    try { operation.ResponseSchema(status, format); }
                    catch (InvalidOperationException) { continue; }
                    cells.Add((operation, status, format));
                }
        return cells;
    }

    public static (IReadOnlyList<CoverageCell> Documented, IReadOnlyList<ProxyRecorder.CellStats> Undocumented) CoverageOf(ContractDocument contract, ProxyRecorder recorder)
    {
        var seen = recorder.Cells.ToDictionary(c => c.Cell);
        var documented = Documented(contract).Select(d =>
        {
            var id = $"{d.Operation.OperationId}/{d.Status}/{d.Format.Suffix()}";
            var stats = seen.GetValueOrDefault(id);
            return new CoverageCell(d.Operation.OperationId, d.Status, d.Format.MediaType(), stats?.Seen ?? 0, stats?.SeenWithViolations ?? 0);
        }).ToList();
        var ids = documented.Select(c => $"{c.Operation}/{c.Status}/{BodyFormats.FromMediaType(c.MediaType)!.Value.Suffix()}").ToHashSet();
        var undocumented = recorder.Cells.Where(c => !ids.Contains(c.Cell) && c.Status is not null).OrderBy(c => c.Cell, StringComparer.Ordinal).ToList();
        return (documented, undocumented);
    }

    public static string RenderCoverage(ContractDocument contract, ProxyRecorder recorder, RunFacts facts)
    {
        var (documented, undocumented) = CoverageOf(contract, recorder);
        return new JsonObject
        {
            ["target"] = facts.Target,
            ["profile"] = facts.Profile.Name,
            ["counts"] = new JsonObject
            {
                ["documented"] = documented.Count,
                ["seen"] = documented.Count(c => c.Seen > 0),
                ["seenWithViolations"] = documented.Count(c => c.SeenWithViolations > 0),
                ["neverSeen"] = documented.Count(c => c.Seen == 0),
            },
            ["cells"] = new JsonArray([.. documented.Select(c => new JsonObject
            {
                ["operation"] = c.Operation, ["status"] = c.Status, ["mediaType"] = c.MediaType, ["state"] = c.State,
                ["seen"] = c.Seen, ["seenWithViolations"] = c.SeenWithViolations,
            })]),
            ["undocumented"] = new JsonArray([.. undocumented.Select(c => new JsonObject
            {
                ["operation"] = c.Operation, ["status"] = c.Status, ["mediaType"] = c.Media, ["seen"] = c.Seen,
                ["seenWithViolations"] = c.SeenWithViolations,
            })]),
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    public static string RenderSummary(ContractDocument contract, ProxyRecorder recorder, RunFacts facts)
    {
        var (documented, undocumented) = CoverageOf(contract, recorder);
        var md = new StringBuilder();
        md.AppendLine("# Proxy summary").AppendLine();
        md.AppendLine($"- Target: {facts.Target}");
        md.AppendLine($"- Profile: `{facts.Profile.Name}`{(facts.Profile.Description.Length > 0 ? " (" + facts.Profile.Description + ")" : "")}; mode {facts.Mode.ToString().ToLowerInvariant()}");
        md.AppendLine($"- From {facts.Started:u} to {facts.Stopped:u} ({(facts.Stopped - facts.Started).TotalSeconds:0} s); stopped: {facts.Why}");
        md.AppendLine($"- Exchanges: {recorder.Exchanges}: {recorder.WithViolations} with violations ({recorder.Violations} violations), "
            + $"{recorder.NotInContract} {ProxyVerdicts.NotInContract}, {recorder.TargetFailures} target failures, {recorder.NotValidated} not validated (too large or encoded)");
        md.AppendLine($"- Coverage: {documented.Count(c => c.Seen > 0)} of {documented.Count} documented answers seen "
            + $"({documented.Count(c => c.SeenWithViolations > 0)} with violations), {documented.Count(c => c.Seen == 0)} never seen ({Coverage})").AppendLine();

        var violating = recorder.Cells.Where(c => c.Violations.Count > 0).OrderBy(c => c.Cell, StringComparer.Ordinal).ToList();
        md.AppendLine("## Violations").AppendLine();
        if (violating.Count == 0) md.AppendLine("None.").AppendLine();
        foreach (var cell in violating)
        {
            md.AppendLine($"### {cell.Cell}").AppendLine().AppendLine($"{cell.SeenWithViolations} of {cell.Seen} exchanges with violations.").AppendLine();
            foreach (var ((check, reason), (count, first)) in cell.Violations.OrderByDescending(v => v.Value.Count))
            {
                md.AppendLine($"- **{check}** ({count}x): {Inline(reason)}");
                if (first.Expected is not null)
                    md.AppendLine($"  - expected: `{Inline(first.Expected)}`").AppendLine($"  - received: `{Inline(first.Received ?? "")}`");
            }
            md.AppendLine();
        }

        var accepted = recorder.AcceptedSeen;
        var entries = facts.Profile.Deviations.Concat(facts.Profile.DecisionEntries).ToList();
        if (accepted.Count > 0)
        {
            md.AppendLine("## Deviations seen and accepted by the profile").AppendLine();
            md.AppendLine("| Entry | Exchanges | Reason |").AppendLine("|---|---|---|");
            foreach (var (id, (count, reason)) in accepted.OrderBy(a => a.Key, StringComparer.Ordinal))
                md.AppendLine($"| `{id}` | {count} | {Cell(entries.FirstOrDefault(e => e.Id == id)?.Reason ?? reason)} |");
            md.AppendLine();
        }
        var stale = facts.Profile.Deviations.Where(d => !accepted.ContainsKey(d.Id)).ToList();
        if (stale.Count > 0)
        {
            md.AppendLine("## Profile entries never seen (stale, or no exchange showed them)").AppendLine();
            foreach (var d in stale) md.AppendLine($"- `{d.Id}` ({d.Kind}): {Cell(d.Reason)}");
            md.AppendLine();
        }
        if (recorder.TargetFailures > 0)
        {
            md.AppendLine("## Target failures (the proxy answered itself; not contract violations)").AppendLine();
            foreach (var f in recorder.Failures) md.AppendLine($"- {f.Time:u} `{f.Method} {Inline(f.Path)}`: {Inline(f.TargetFailure ?? "")}");
            if (recorder.TargetFailures > recorder.Failures.Count) md.AppendLine($"- … ({recorder.TargetFailures - recorder.Failures.Count} more)");
            md.AppendLine();
        }
        var paths = recorder.PathsNotInContract;
        if (paths.Count > 0)
        {
            md.AppendLine("## Not in the contract (forwarded, not judged)").AppendLine();
            md.AppendLine("| Request | Exchanges |").AppendLine("|---|---|");
            foreach (var (path, count) in paths.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
                md.AppendLine($"| `{Inline(path)}` | {count} |");
            md.AppendLine();
        }
        md.AppendLine("## Coverage: operation x status x media type").AppendLine();
        md.AppendLine("| Operation | Status | Media type | State | Seen | With violations |").AppendLine("|---|---|---|---|---|---|");
        foreach (var c in documented)
            md.AppendLine($"| {c.Operation} | {c.Status} | {c.MediaType} | {c.State} | {c.Seen} | {c.SeenWithViolations} |");
        foreach (var c in undocumented)
            md.AppendLine($"| {c.Operation} | {c.Status} | {c.Media ?? "(none)"} | **undocumented** | {c.Seen} | {c.SeenWithViolations} |");
        return md.ToString();
    }

    public static string RenderJunit(ContractDocument contract, ProxyRecorder recorder, RunFacts facts)
    {
        var (documented, _) = CoverageOf(contract, recorder);
        var cases = new List<XElement>();
        var seen = recorder.Cells.Where(c => c.Status is not null).ToDictionary(c => c.Cell);
        foreach (var cell in recorder.Cells.OrderBy(c => c.Cell, StringComparer.Ordinal))
        {
            var element = new XElement("testcase", new XAttribute("classname", cell.Operation ?? "proxy"), new XAttribute("name", cell.Cell));
            if (cell.Violations.Count > 0)
                element.Add(new XElement("failure",
                    new XAttribute("message", string.Join("; ", cell.Violations.Keys.Select(k => $"{k.Check}: {k.Reason}").Take(10))),
                    string.Join("\n", cell.Violations.Select(v => $"{v.Key.Check} ({v.Value.Count}x): {v.Key.Reason}"
                        + (v.Value.First.Expected is null ? "" : $"\n    expected: {v.Value.First.Expected}\n    received: {v.Value.First.Received}")))));
            else if (cell.Status is null)
                element.Add(new XElement("error", new XAttribute("message", $"target failures: {cell.Seen} (the proxy answered 502/504 itself)")));
            else
                element.Add(new XElement("system-out", $"{cell.Seen} exchanges{(cell.NotValidated > 0 ? $", {cell.NotValidated} not validated (too large or encoded)" : "")}"));
            cases.Add(element);
        }
        foreach (var c in documented.Where(c => c.Seen == 0))
            cases.Add(new XElement("testcase", new XAttribute("classname", c.Operation),
                new XAttribute("name", $"{c.Operation}/{c.Status}/{BodyFormats.FromMediaType(c.MediaType)!.Value.Suffix()}"),
                new XElement("skipped", new XAttribute("message", "never seen"))));
        if (recorder.NotInContract > 0)
            cases.Add(new XElement("testcase", new XAttribute("classname", "proxy"), new XAttribute("name", ProxyVerdicts.NotInContract),
                new XElement("system-out", string.Join("\n", recorder.PathsNotInContract.Select(p => $"{p.Key}: {p.Value}")))));
        var suite = new XElement("testsuite",
            new XAttribute("name", $"tfc proxy {facts.Target} (profile {facts.Profile.Name})"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
            new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
            new XAttribute("timestamp", facts.Started.UtcDateTime.ToString("s", CultureInfo.InvariantCulture)),
            cases);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement("testsuites", suite)).ToString();
    }

    /// <summary>The profile plus one <c>accept</c> entry per check that failed on each cell (<see cref="Baseline.From"/>).</summary>
    public static TargetProfile RenderBaseline(ProxyRecorder recorder, TargetProfile profile, string runId)
    {
        var report = new ConformanceReport();
        foreach (var cell in recorder.Cells.Where(c => c.Violations.Count > 0))
            report.Add(ConformanceReport.Documented, new CaseResult(cell.Cell, "(observed through tfc proxy)",
                [.. cell.Violations.Values.Select(v => v.First)]));
        return Baseline.From(profile, report, runId);
    }

    public static async Task WriteAsync(ContractDocument contract, ProxyRecorder recorder, RunFacts facts, CredentialMask mask, string? baselinePath)
    {
        if (recorder.ReportDir is { } dir)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, Summary), mask.Apply(RenderSummary(contract, recorder, facts)), CancellationToken.None);
            await File.WriteAllTextAsync(Path.Combine(dir, Junit), mask.Apply(RenderJunit(contract, recorder, facts)), CancellationToken.None);
            await File.WriteAllTextAsync(Path.Combine(dir, Coverage), mask.Apply(RenderCoverage(contract, recorder, facts)), CancellationToken.None);
        }
        if (!string.IsNullOrEmpty(baselinePath))
        {
            var full = Path.GetFullPath(baselinePath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, mask.Apply(RenderBaseline(recorder, facts.Profile, facts.Started.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)).ToJson()), CancellationToken.None);
        }
    }

    private static string Cell(string text) => Inline(text).Replace("|", "\\|").Replace("<", "&lt;");

    private static string Inline(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Replace("`", "'");
        return flat.Length <= 400 ? flat : flat[..400] + "…";
    }
}
