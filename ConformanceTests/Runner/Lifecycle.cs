using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// Cross-checks between operations, as steps judged by the same checks as every case: what create answers, get
/// returns and list contains; an update shows in a later get; a rejected update changes nothing; unknown ids and
/// missing credentials give the documented errors. Each scenario returns one result per step; a step the budget
/// stops, and every step after it, is "not run".
/// </summary>
public sealed class Lifecycle(ConformanceRunner runner)
{
    public const string CreateReadUpdate = "lifecycle/create-read-update";
    public const string UnknownId = "lifecycle/unknown-id";
    public const string NoCredentials = "lifecycle/no-credentials";

    /// <summary>Every scenario's id and how to run it (the command runs them all; the xunit face one per test).</summary>
    public IReadOnlyList<(string Id, Func<CancellationToken, Task<IReadOnlyList<CaseResult>>> Run)> Scenarios =>
    [
        (CreateReadUpdate, CreateReadUpdateAsync),
        (UnknownId, UnknownIdAsync),
        (NoCredentials, NoCredentialsAsync),
    ];

    private ContractDocument Contract => runner.Contract;

    public async Task<IReadOnlyList<CaseResult>> CreateReadUpdateAsync(CancellationToken cancel = default)
    {
        var steps = new ScenarioSteps(runner, "lifecycle");
        if (runner.ReadOnly) return steps.NotRun($"{CreateReadUpdate}/1 create", "it writes, and CONFORMANCE_READ_ONLY=true");
        var create = Contract.Operation(OperationRole.Create);
        var get = Contract.Operation(OperationRole.Read);
        var list = Contract.Operation(OperationRole.List);
        var update = Contract.Operation(OperationRole.Update);

        // Only a name: every other field must come back with the documented default.
        var sent = new JsonObject { ["name"] = runner.Budget.NameFor("lifecycle") };
        if (!runner.Budget.TryReserve())
            return steps.NotRun($"{CreateReadUpdate}/1 create", $"not run: the run has used its {runner.Budget.Max} creates (--max-creates)");
        var created = await steps.Send("lifecycle/1 create with only a name fills in defaults", create,
            new PlannedRequest("POST", create.PathTemplate, BodyFormat.Json, sent.ToJsonString()),
            new Expectation(create.SuccessStatuses.ToList(), BodyFormat.Json)
                .With(new ExpectedApplication(RequestBodies.WithDefaults(sent, create.RequestSchema(BodyFormat.Json)))), cancel);
        if (created is null || JsonRead.String(created, "applicationId") is not { } id)
            return steps.Stop("the create gave no applicationId (see step 1), so the later steps have nothing to address");

        await steps.Send("lifecycle/2 get equals what create answered", get,
            new PlannedRequest("GET", get.PathFor(id), BodyFormat.Json),
            new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(created)), cancel);

        await steps.Send("lifecycle/3 list contains the created application", list,
            new PlannedRequest("GET", list.PathTemplate, BodyFormat.Json),
            new Expectation([200], BodyFormat.Json).With(new ExpectedListMembers([new JsonObject { ["applicationId"] = id, ["name"] = sent["name"]!.DeepClone() }])), cancel);

        // 120m reads back as 2h; fields left out keep their values.
        var change = new JsonObject
        {
            ["name"] = runner.Budget.NameFor("lifecycle-updated"),
            ["enabled"] = false,
            ["configuration"] = new JsonObject { ["pinTimeToLive"] = "120m", ["pinAttempts"] = 7 },
        };
        var afterUpdate = (JsonObject)created.DeepClone();
        afterUpdate["name"] = change["name"]!.DeepClone();
        afterUpdate["enabled"] = false;
        // What create answered may lack a configuration (or hold another kind there): the update's values are expected all the same.
        if (afterUpdate["configuration"] is not JsonObject configuration)
        {
            configuration = new JsonObject();
            afterUpdate["configuration"] = configuration;
        }
        configuration["pinTimeToLive"] = "120m";
        configuration["pinAttempts"] = 7;
        // In XML with today's root element (<ApplicationRequest>), which the contract says is read like <request>.
        var xml = XDocument.Parse(RequestBodies.Write(update, change, BodyFormat.Xml));
        xml.Root!.Name = ContractXmlNames.AlternateRequestRoot;
        await steps.Send("lifecycle/4 update (XML, root ApplicationRequest) answers the new values and keeps the rest", update,
            new PlannedRequest("PUT", update.PathFor(id), BodyFormat.Xml, xml.ToString()),
            new Expectation([200], BodyFormat.Xml).With(new ExpectedApplication(afterUpdate)), cancel);

        await steps.Send("lifecycle/5 get shows the update", get,
            new PlannedRequest("GET", get.PathFor(id), BodyFormat.Xml),
            new Expectation([200], BodyFormat.Xml).With(new ExpectedApplication(afterUpdate)), cancel);

        // A rejected update changes nothing: a new name and time with one value of the wrong type (a rule both sources
        // state, so the step holds under every profile), then get still shows step 5.
        var rejected = new JsonObject
        {
            ["name"] = runner.Budget.NameFor("lifecycle-rejected"),
            ["configuration"] = new JsonObject { ["pinTimeToLive"] = "3h", ["pinAttempts"] = "ten" },
        };
        await steps.Send("lifecycle/6 a rejected update answers 400", update,
            new PlannedRequest("PUT", update.PathFor(id), BodyFormat.Json, rejected.ToJsonString()),
            new Expectation([400], BodyFormat.Json), cancel);
        await steps.Send("lifecycle/7 get shows nothing of the rejected update", get,
            new PlannedRequest("GET", get.PathFor(id), BodyFormat.Json),
            new Expectation([200], BodyFormat.Json).With(new ExpectedApplication(afterUpdate)), cancel);
        return steps.Results;
    }

    public async Task<IReadOnlyList<CaseResult>> UnknownIdAsync(CancellationToken cancel = default)
    {
        var steps = new ScenarioSteps(runner, "lifecycle");
        var get = Contract.Operation(OperationRole.Read);
        var unknown = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // never issued: not a documented id either
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
            await steps.Send($"lifecycle/unknown id gives 404 ({format.Suffix()})", get,
                new PlannedRequest("GET", get.PathFor(unknown), format),
                new Expectation([404], format).With(ErrorEnvelope.Find(get, 404)), cancel);
        return steps.Results;
    }

    public async Task<IReadOnlyList<CaseResult>> NoCredentialsAsync(CancellationToken cancel = default)
    {
        var steps = new ScenarioSteps(runner, "lifecycle");
        var list = Contract.Operation(OperationRole.List);
        var create = Contract.Operation(OperationRole.Create);
        var body = new JsonObject { ["name"] = runner.Budget.NameFor("must-not-exist") };
        await steps.Send("lifecycle/no credentials on create gives 401", create,
            new PlannedRequest("POST", create.PathTemplate, BodyFormat.Json, body.ToJsonString(), WithCredentials: false),
            new Expectation([401], BodyFormat.Json).With(ErrorEnvelope.Find(create, 401)), cancel);
        await steps.Send("lifecycle/no credentials on list gives 401", list,
            new PlannedRequest("GET", list.PathTemplate, BodyFormat.Xml, WithCredentials: false),
            new Expectation([401], BodyFormat.Xml).With(ErrorEnvelope.Find(list, 401)), cancel);
        if (steps.Stopped) return steps.Results;
        const string nothingCreated = "lifecycle/a create without credentials created nothing";
        steps.Add(await CaseGuard.RunAsync(nothingCreated, "(not judged)", runner.Mask, cancel, async () =>
        {
            var listed = await runner.SendAsync(list, new PlannedRequest("GET", list.PathTemplate, BodyFormat.Json), null, cancel);
            var leaked = listed.Body.Contains(JsonRead.String(body, "name")!, StringComparison.Ordinal);
            return new CaseResult(nothingCreated, runner.Mask.Apply(listed.Request.ToString()),
                [leaked
                    ? new CheckVerdict("nothing-created", Outcome.Failed, "the list holds the application the create without credentials sent", "no " + body["name"], "listed")
                    : new CheckVerdict("nothing-created", Outcome.Passed, "the list does not hold it")]);
        }));
        return steps.Results;
    }
}
