using System.Text.Json;
using System.Text.Json.Nodes;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Reports;

/// <summary>The run as JSON for tools: facts, counts, every case with its verdicts, accepted and stale profile entries.</summary>
public static class JsonReport
{
    public static string Render(ConformanceReport report, MarkdownSummary.RunFacts facts, CredentialMask mask)
    {
        var all = report.All;
        var json = new JsonObject
        {
            ["target"] = facts.Target,
            ["profile"] = facts.Profile.Name,
            ["mode"] = facts.Mode.ToString().ToLowerInvariant(),
            ["runId"] = facts.RunId,
            ["stopped"] = facts.Stopped,
            ["created"] = new JsonArray([.. facts.Created.Select(n => JsonValue.Create(n))]),
            ["budgets"] = new JsonArray([.. facts.Budgets.Select(b => JsonValue.Create(b))]),
            ["throttled"] = facts.Throttled,
            ["counts"] = new JsonObject
            {
                ["passed"] = all.Count(r => r.Passed),
                ["failed"] = all.Count(r => !r.Passed && !r.Skipped),
                ["skipped"] = all.Count(r => r.Skipped),
                ["notRunForBudget"] = report.NotRunForBudget.Count,
            },
            ["accepted"] = new JsonArray([.. report.Accepted(facts.Profile).Select(a => new JsonObject
            {
                ["id"] = a.Entry.Id, ["reason"] = a.Entry.Reason, ["cases"] = new JsonArray([.. a.Cases.Select(c => JsonValue.Create(c))]),
            })]),
            ["stale"] = new JsonArray([.. report.Stale(facts.Profile).Select(d => new JsonObject { ["id"] = d.Id, ["reason"] = d.Reason })]),
            ["cases"] = new JsonArray([.. ConformanceReport.Sections.SelectMany(s => report.Section(s).Values.OrderBy(r => r.Id).Select(r => Case(s, r)))]),
        };
        return mask.Apply(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Case(string section, CaseResult r) => new()
    {
        ["section"] = section,
        ["id"] = r.Id,
        ["verdict"] = r.Skipped ? "skipped" : r.Passed ? "passed" : "failed",
        ["skipReason"] = r.SkipReason,
        ["request"] = r.Request,
        ["checks"] = new JsonArray([.. r.Verdicts.Where(v => v.Outcome != Outcome.NotApplicable).Select(v => new JsonObject
        {
            ["check"] = v.Check,
            ["outcome"] = v.Outcome.ToString().ToLowerInvariant(),
            ["reason"] = v.Reason,
            ["expected"] = v.Expected,
            ["received"] = v.Received,
            ["deviation"] = v.Deviation,
        })]),
    };
}
