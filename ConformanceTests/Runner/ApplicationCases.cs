using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// Binds the documented cases of the application operations: the path id from the application chain (like a link
/// from create), the body with a name of the run, and the values the answer must carry. Against the examples-mode
/// mock every case is sent as documented and must get the documented example itself.
/// </summary>
public sealed class ApplicationCases(ConformanceRunner runner) : ICaseBinding
{
    private ConformanceTarget Target => runner.Target;

    public string? JudgedElsewhere(ContractCase c) => null;

    public async Task<CaseBinding> BindAsync(ContractCase c, CancellationToken cancel)
    {
        var operation = c.Operation;
        // A documented create is made on purpose: it counts against --max-creates like the chain's.
        if (operation.Role() == OperationRole.Create && c.ExpectsSuccess && !Target.AnswersExamplesVerbatim && !runner.Budget.TryReserve())
            return new UnsentCase(new CaseResult(c.Id, "(not sent)", [], $"not run: the run has used its {runner.Budget.Max} creates (--max-creates)"));

        var (pathId, chained, problem) = await PathIdAsync(c, cancel);
        if (problem is not null) return new UnsentCase(runner.SetupFailed(c.Id, problem));
        // A list must contain the application the run reads (made or found once per run, like a link from create).
        if (operation.Role() == OperationRole.List && c.ExpectsSuccess && !Target.AnswersExamplesVerbatim)
            chained = await runner.Chain.ForReadingAsync(cancel);

        string? body = null;
        JsonObject? sent = null;
        if (c.RequestBody is { } example)
        {
            if (Target.AnswersExamplesVerbatim) body = example.Text;
            else
            {
                sent = RequestBodies.Values(operation, example);
                if (sent.ContainsKey("name"))
                    sent["name"] = operation.Role() == OperationRole.Update && chained?.Values?["name"] is { } current
                        ? current.DeepClone()
                        : runner.Budget.NameFor($"{operation.OperationId}-{c.Name}-{c.Format.Suffix()}");
                body = RequestBodies.Write(operation, sent, c.Format);
            }
        }
        var sentName = (sent ?? (c.RequestBody is { } b ? RequestBodies.Values(operation, b) : null))?["name"]?.ToString();
        // Every path parameter of the case (a template's application too) and its query (ncNeeded=true, msisdn=...).
        return new BoundCase(operation.PathFor(c.PathValues, pathId) + c.Query, body, Expect(c, sent, chained), sentName);
    }

    private async Task<(string? Id, ChainedApplication? Chained, string? Problem)> PathIdAsync(ContractCase c, CancellationToken cancel)
    {
        if (c.Operation.PathParameter is null) return (null, null, null);
        // The examples-mode mock serves the documented ids; an id documented as a cause (notFound) is sent as is.
        if (Target.AnswersExamplesVerbatim || (c.Name != ContractOperation.FallbackExample && c.Operation.PathExamples.ContainsKey(c.Name)))
            return (c.PathId, null, null);
        // A read-only run sends only what cannot write (a PUT without credentials), so the read application serves.
        var chained = c.Operation.Method == "GET" || runner.ReadOnly ? await runner.Chain.ForReadingAsync(cancel) : await runner.Chain.ForUpdatingAsync(cancel);
        return chained.Problem is null
            ? (chained.Id, chained, null)
            : (null, null, $"no application to address: {chained.Problem}");
    }

    /// <summary>What the answer must be: the paired documented status and format, and the values the run knows.</summary>
    private Expectation Expect(ContractCase c, JsonObject? sent, ChainedApplication? chained)
    {
        var expected = ConformanceRunner.For(c);
        if (!c.ExpectsSuccess)
            return expected.With(ErrorEnvelope.Of(Documented(c)), Target.AnswersExamplesVerbatim ? ExpectedExample.Of(Documented(c)) : null);
        if (Target.AnswersExamplesVerbatim) return expected.With(ExpectedExample.Of(Documented(c)));
        return c.Operation.Role() switch
        {
            OperationRole.Create when sent is not null =>
                expected.With(new ExpectedApplication(RequestBodies.WithDefaults(sent, c.Operation.RequestSchema(BodyFormat.Json)))),
            OperationRole.Update when sent is not null => expected.With(new ExpectedApplication(Merge(chained?.Values, sent))),
            OperationRole.Read when chained?.Values is not null => expected.With(new ExpectedApplication(chained.Values)),
            OperationRole.List => expected.With(new ExpectedListMembers([.. chained?.Id is null ? [] : new[] { chained.Identity }, .. SeedApplications(c.Operation)])),
            _ => expected,
        };
    }

    /// <summary>The seed page's applications (the list example), which a fresh account holds when the profile says so.</summary>
    private IEnumerable<JsonObject> SeedApplications(ContractOperation list)
    {
        if (!runner.Profile.AccountStartsWithSeedApplications) return [];
        var example = list.FindResponseExample(ContractOperation.FallbackExample, BodyFormat.Json);
        return JsonRead.TryParse(example?.Text) is JsonArray items
            ? items.OfType<JsonObject>().Select(i => new JsonObject { ["applicationId"] = i["applicationId"]?.DeepClone(), ["name"] = i["name"]?.DeepClone() })
            : [];
    }

    /// <summary>An update keeps what it leaves out: the known state with the sent values laid over it.</summary>
    private static JsonObject Merge(JsonObject? before, JsonObject sent)
    {
        var merged = (JsonObject?)before?.DeepClone() ?? new JsonObject();
        foreach (var (key, value) in sent)
        {
            if (value is JsonObject nested && merged[key] is JsonObject existing)
                foreach (var (k, v) in nested) existing[k] = v?.DeepClone();
            else merged[key] = value?.DeepClone();
        }
        return merged;
    }

    private static JsonNode? Documented(ContractCase c)
    {
        var example = c.ResponseExample;
        return example.Format == BodyFormat.Json
            ? JsonRead.TryParse(example.Text)
            : c.Operation.ResponseSchema(c.Statuses[0], BodyFormat.Xml).XmlToJson(example.Text);
    }
}
