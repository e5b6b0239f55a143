using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// The steps of one scenario (the application lifecycle, the PIN flow): each sent, judged by the same checks as every
/// case, and kept; once one is stopped (budget), the rest are "not run" with the same reason.
/// </summary>
public sealed class ScenarioSteps(ConformanceRunner runner, string scenario)
{
    private string? _stopped;

    public List<CaseResult> Results { get; } = [];

    public bool Stopped => _stopped is not null;

    /// <summary>
    /// Sends, judges and keeps one step; returns the answer as an object (XML read as JSON), or null when not sent, not
    /// an object or unreadable. Nothing the answer holds ends the scenario with an exception: a step that cannot be
    /// judged fails with why, and the scenario goes on (the user's cancellation aside).
    /// </summary>
    /// <param name="expects429">The step asks for a 429 (a limit the scenario set): it is the answer, not throttling.</param>
    public async Task<JsonObject?> Send(string id, ContractOperation operation, PlannedRequest request, Expectation expected,
        CancellationToken cancel, bool expects429 = false)
    {
        if (_stopped is not null)
        {
            Results.Add(new CaseResult(id, "(not sent)", [], _stopped));
            return null;
        }
        CheckContext? judged = null;
        var result = await CaseGuard.RunAsync(id, runner.Mask.Apply(request.ToString()), runner.Mask, cancel, async () =>
        {
            (var step, judged) = await runner.SendAndJudgeAsync(id, operation, request, expected, cancel, SentName(request), expects429);
            return step;
        });
        Results.Add(result);
        if (result.Skipped) _stopped = result.SkipReason; // the budget is spent: the later steps are not run either
        return judged?.Values.Node as JsonObject;
    }

    /// <summary>Keeps a result the scenario judged itself (e.g. a PIN it could not read).</summary>
    public void Add(CaseResult result) => Results.Add(result);

    public IReadOnlyList<CaseResult> NotRun(string id, string reason)
    {
        Results.Add(new CaseResult(id, "(not sent)", [], reason));
        return Results;
    }

    public IReadOnlyList<CaseResult> Stop(string reason)
    {
        if (_stopped is not null) return Results; // the step that stopped says why
        Results.Add(new CaseResult($"{scenario}/later steps", "(not sent)", [], $"not run: {reason}"));
        return Results;
    }

    private static string? SentName(PlannedRequest request)
    {
        if (request.Body is null) return null;
        try
        {
            return request.Format == BodyFormat.Json
                ? (JsonNode.Parse(request.Body) as JsonObject)?["name"]?.ToString()
                : XDocument.Parse(request.Body).Root?.Element("name")?.Value;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or System.Xml.XmlException)
        {
            return null; // a deliberately broken body names nothing
        }
    }
}
