using System.Text.Json;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>An application the run can address by id, with the values it is known to hold, or why there is none.</summary>
public sealed record ChainedApplication(string? Id, JsonObject? Values, string? Problem)
{
    public JsonObject Identity => new() { ["applicationId"] = Id, ["name"] = Values?["name"]?.DeepClone() };
}

/// <summary>
/// Path ids for targets that do not serve the documented ids: created once per run and chained into later
/// calls the way OpenAPI links do (create -> get/put). One application is only read, one is updated, so
/// what a read expects never depends on the order the cases run in.
/// </summary>
public sealed class ApplicationChain
{
    private readonly ConformanceRunner _runner;
    private readonly Lazy<Task<ChainedApplication>> _reading;
    private readonly Lazy<Task<ChainedApplication>> _updating;

    public ApplicationChain(ConformanceRunner runner)
    {
        _runner = runner;
        _reading = new(() => runner.ReadOnly ? FirstListedAsync() : CreateAsync("read"));
        _updating = new(() => CreateAsync("update"));
    }

    public Task<ChainedApplication> ForReadingAsync() => _reading.Value;

    public Task<ChainedApplication> ForUpdatingAsync() => _updating.Value;

    /// <summary>Creates an application from the documented <c>basic</c> request, renamed for this run.</summary>
    public async Task<ChainedApplication> CreateAsync(string purpose, JsonObject? body = null)
    {
        var create = _runner.Contract.Operation(OperationRole.Create);
        var values = body ?? RequestBodies.Values(create, create.FindRequestExample(ContractOperation.FallbackExample, BodyFormat.Json)!);
        values["name"] = _runner.Budget.NameFor(purpose);
        if (!_runner.Budget.TryReserve())
            return new ChainedApplication(null, null, $"the run has used its budget of {_runner.Budget.Max} creates (--max-creates)");
        var exchange = await _runner.SendAsync(create,
            new PlannedRequest("POST", create.PathTemplate, BodyFormat.Json, values.ToJsonString()), values["name"]!.GetValue<string>());
        if (!exchange.Answered || exchange.Status is not (>= 200 and < 300))
            return new ChainedApplication(null, null, $"creating one failed: {exchange.Request} got {_runner.Mask.Apply(exchange.Describe())}");
        var id = TryRead(exchange.Body)?["applicationId"];
        return id is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0
            ? new ChainedApplication(text, RequestBodies.WithDefaults(values, create.RequestSchema(BodyFormat.Json)), null)
            : new ChainedApplication(null, null, $"the create answer carries no applicationId: {exchange.Body}");
    }

    /// <summary>Read-only runs may not create: they read the first application the account already has.</summary>
    private async Task<ChainedApplication> FirstListedAsync()
    {
        var list = _runner.Contract.Operation(OperationRole.List);
        var exchange = await _runner.SendAsync(list, new PlannedRequest("GET", list.PathTemplate, BodyFormat.Json), null);
        if (!exchange.Answered || exchange.Status != 200)
            return new ChainedApplication(null, null, $"listing failed: {_runner.Mask.Apply(exchange.Describe())}");
        return TryRead(exchange.Body) is JsonArray { Count: > 0 } items && items[0] is JsonObject first
               && first["applicationId"]?.GetValue<string>() is { } id
            ? new ChainedApplication(id, (JsonObject)first.DeepClone(), null)
            : new ChainedApplication(null, null, "the account has no application to read, and CONFORMANCE_READ_ONLY=true forbids creating one");
    }

    private static JsonNode? TryRead(string body)
    {
        try { return JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }
}
