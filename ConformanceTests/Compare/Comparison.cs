using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Compare;

/// <summary>
/// Runs the same plan against two targets (each through its own runner, budgets and ids, at the same time), then lays
/// the answers to each case side by side: first learning which id of a is which id of b (from the requests each sent
/// and the answers each gave, step by step), then naming every difference (<see cref="AnswerDiff"/>). A difference
/// the profile accepts on the case for either target is <i>accepted</i>, with the profile entry; the result is a
/// <see cref="ConformanceReport"/>, so the verify reports render it.
/// </summary>
public sealed class Comparison(CompareSide a, CompareSide b, CompareRules rules)
{
    public IdMap Ids { get; } = new();

    /// <summary>The plan of both sides (the same cases in the same order: both runners read one contract).</summary>
    public IReadOnlyList<ConformanceRun.Item> PlanA { get; private set; } = [];

    public IReadOnlyList<ConformanceRun.Item> PlanB { get; private set; } = [];

    public void Plan(string? only)
    {
        PlanA = a.Plan(only);
        PlanB = b.Plan(only);
        if (!PlanA.Select(i => i.Id).SequenceEqual(PlanB.Select(i => i.Id)))
            throw new InvalidOperationException("the two targets' plans differ; a comparison needs the same cases on both");
    }

    /// <summary>Why each side stopped early (null when it ran to its end).</summary>
    public ConformanceRun.StopFacts? Stopped => a.Run.Stopped ?? b.Run.Stopped;

    /// <summary>Runs the plan on both targets at once and compares; the report holds one result per case or step.</summary>
    public async Task<ConformanceReport> RunAsync(CancellationToken cancel, Func<string>? whyStopped = null)
    {
        var runs = await Task.WhenAll(a.Run.RunAsync(PlanA, cancel, whyStopped), b.Run.RunAsync(PlanB, cancel, whyStopped));
        var (reportA, reportB) = (runs[0], runs[1]);
        var cases = new List<(string Section, string Id, CaseResult? A, CaseResult? B)>();
        foreach (var item in PlanA)
        {
            var ids = (a.Results(item.Id) ?? []).Select(r => r.Id).Concat((b.Results(item.Id) ?? []).Select(r => r.Id)).Distinct().ToList();
            if (ids.Count == 0) ids = [item.Id];
            foreach (var id in ids)
                cases.Add((item.Section, id, Find(reportA, item.Section, id), Find(reportB, item.Section, id)));
        }
        // Every id first, then every answer: a list compared before the get that first names an application still
        // knows which of a's applications is which of b's.
        foreach (var (_, id, _, _) in cases) Learn(a.Exchanges(id), b.Exchanges(id));
        var diff = new AnswerDiff(rules, Ids);
        var report = new ConformanceReport();
        foreach (var (section, id, ra, rb) in cases) report.Add(section, Compare(id, ra, rb, diff));
        return report;
    }

    private static CaseResult? Find(ConformanceReport report, string section, string id) =>
        report.Section(section).TryGetValue(id, out var r) ? r : null;

    private CaseResult Compare(string id, CaseResult? ra, CaseResult? rb, AnswerDiff diff)
    {
        var request = $"a: {ra?.Request ?? "(not reached)"} | b: {rb?.Request ?? "(not reached)"}";
        if (ra is null || rb is null || ra.Skipped || rb.Skipped)
            return new CaseResult(id, request, [], NotCompared(ra, rb));
        var (ea, eb) = (a.Exchanges(id), b.Exchanges(id));
        var verdicts = new List<CheckVerdict>();
        if (ea.Count != eb.Count)
            verdicts.Add(Verdict(new Difference("answer", "(requests)", $"a sent {ea.Count} requests for this case, b {eb.Count}",
                ea.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), eb.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), ra, rb));
        if (ea.Count == 0 && eb.Count == 0)
        {
            // Neither sent it (its setup failed, or the case could not run): the same failure on both is no difference.
            var (fa, fb) = (Failures(ra), Failures(rb));
            if (fa != fb) verdicts.Add(Verdict(new Difference("answer", "(not sent)", $"a: {fa}; b: {fb}", fa, fb), ra, rb));
        }
        for (var i = 0; i < Math.Min(ea.Count, eb.Count); i++)
            verdicts.AddRange(diff.Compare(ea[i].Context, eb[i].Context).Select(d => Verdict(d, ea[i].Result, eb[i].Result)));
        if (verdicts.Count == 0)
            verdicts.Add(new CheckVerdict("same", Outcome.Passed,
                ea.Count == 0 ? "neither target was sent it" : $"the answers agree ({ea.Count} exchange{(ea.Count == 1 ? "" : "s")}; issued ids mapped, generated times not compared)"));
        return new CaseResult(id, request, verdicts);
    }

    private static string NotCompared(CaseResult? ra, CaseResult? rb)
    {
        string Why(CaseResult? r) => r is null ? "not reached" : r.SkipReason ?? "ran";
        var (wa, wb) = (Why(ra), Why(rb));
        if (wa == wb) return $"not compared: {wa}";
        if (ra is { Skipped: false }) return $"not compared: only a ran it (b: {wb})";
        if (rb is { Skipped: false }) return $"not compared: only b ran it (a: {wa})";
        return $"not compared: a: {wa}; b: {wb}";
    }

    private static string Failures(CaseResult r) =>
        r.Passed ? "passed" : string.Join("; ", r.Failures.Select(f => $"{f.Check}: {f.Reason}"));

    /// <summary>The checks whose acceptance by the profile on either target accepts a difference of this kind.</summary>
    private static bool Relates(string kind, string check) => kind switch
    {
        "status" => check == "status",
        "content-type" => check == "content-type",
        "message-id" => check == "message-id",
        "error-text" => check == "error-text",
        "xml-names" or "body" => check is "xml-root" or "schema",
        "field" or "type" or "value" or "items" => check is not ("status" or "content-type" or "message-id" or "error-text" or "xml-root" or "answer-received" or CaseGuard.Check),
        _ => false, // answer, id: never a profile's to accept
    };

    /// <summary>
    /// A difference is accepted when the profile accepted, on this exchange, a check of that kind on either target (the
    /// 201 of create-201 on b's create, b's missing processId under no-process-id): a known deviation of one side. A
    /// difference in a field's content is accepted only by a deviation that names that field, so one side's accepted
    /// missing processId does not also accept a pinTimeToLive that differs on the same answer.
    /// </summary>
    private static CheckVerdict Verdict(Difference d, CaseResult ra, CaseResult rb)
    {
        var accepting = ra.Verdicts.Select(v => (Side: "a", v)).Concat(rb.Verdicts.Select(v => (Side: "b", v)))
            .FirstOrDefault(s => s.v is { Outcome: Outcome.Accepted, Deviation: not null } && Relates(d.Kind, s.v.Check)
                                 && (d.Kind is not ("field" or "type" or "value" or "items") || Names(s.v, d.Field)));
        return accepting.v is { } v
            ? new CheckVerdict(d.Kind, Outcome.Accepted, $"{d.Field}: {d.Reason}; accepted as {accepting.Side}'s known deviation {v.Deviation}", d.A, d.B) { Deviation = v.Deviation }
            : new CheckVerdict(d.Kind, Outcome.Failed, $"{d.Field}: {d.Reason}", d.A, d.B);
    }

    /// <summary>The accepted verdict speaks of the field (its last name: <c>pinTimeToLive</c> of <c>configuration.pinTimeToLive</c>).</summary>
    private static bool Names(CheckVerdict v, string field)
    {
        var leaf = field.Split('.')[^1].Replace("[]", "", StringComparison.Ordinal);
        return leaf.Length > 0 && new[] { v.Reason, v.Expected, v.Received }.Any(t => t?.Contains(leaf, StringComparison.Ordinal) == true);
    }

    /// <summary>Pairs the ids each target issued for the same step: in the request paths and bodies, then in the answers.</summary>
    private void Learn(IReadOnlyList<CompareSide.Judged> ea, IReadOnlyList<CompareSide.Judged> eb)
    {
        for (var i = 0; i < Math.Min(ea.Count, eb.Count); i++)
        {
            var (ca, cb) = (ea[i].Context, eb[i].Context);
            LearnPath(ca.Exchange.Request.Path, cb.Exchange.Request.Path);
            if (ca.Exchange.Request.Format == BodyFormat.Json)
                LearnValues(JsonRead.TryParse(ca.Exchange.Request.Body), JsonRead.TryParse(cb.Exchange.Request.Body), null);
            if (ca.Values.Node is { } va && cb.Values.Node is { } vb) LearnValues(va, vb, null);
        }
    }

    private void LearnPath(string a, string b)
    {
        var (sa, sb) = (a.Split('?')[0].Split('/'), b.Split('?')[0].Split('/'));
        if (sa.Length != sb.Length) return;
        for (var i = 0; i < sa.Length; i++)
            if (sa[i] != sb[i] && i > 0 && sa[i - 1] == sb[i - 1]) Ids.Learn(Uri.UnescapeDataString(sa[i]), Uri.UnescapeDataString(sb[i]));
    }

    private void LearnValues(JsonNode? a, JsonNode? b, string? parent)
    {
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                foreach (var (name, va) in oa)
                {
                    if (!ob.TryGetPropertyValue(name, out var vb)) continue;
                    if (CompareRules.IsIssuedId(name, parent))
                    {
                        if (JsonRead.String(va) is { } ia && JsonRead.String(vb) is { } ib && ia != ib) Ids.Learn(ia, ib);
                    }
                    else LearnValues(va, vb, name);
                }
                break;
            case (JsonArray la, JsonArray lb) when la.Count == 1 && lb.Count == 1:
                LearnValues(la[0], lb[0], parent);
                break;
            case (JsonArray la, JsonArray lb):
                // Items of a list: the run names what it makes alike on both targets, so a unique name pairs them.
                foreach (var item in la)
                    if (JsonRead.String(item, "name") is { } name
                        && la.Count(i => JsonRead.String(i, "name") == name) == 1
                        && lb.Where(i => JsonRead.String(i, "name") == name).ToList() is [var match])
                        LearnValues(item, match, parent);
                break;
        }
    }
}
