using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;

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
    private readonly Lock _lock = new();
    private Task<ChainedApplication>? _reading;
    private Task<ChainedApplication>? _updating;

    public ApplicationChain(ConformanceRunner runner) => _runner = runner;

    /// <summary>The application only read, made (or, read-only, found) once per run; the first caller's token bounds the making.</summary>
    public Task<ChainedApplication> ForReadingAsync(CancellationToken cancel = default)
    {
        lock (_lock) return _reading ??= _runner.ReadOnly ? FirstListedAsync(cancel) : CreateAsync("read", cancel: cancel);
    }

    /// <summary>The application the updates address, made once per run.</summary>
    public Task<ChainedApplication> ForUpdatingAsync(CancellationToken cancel = default)
    {
        lock (_lock) return _updating ??= CreateAsync("update", cancel: cancel);
    }

    /// <summary>Creates an application from the documented <c>basic</c> request, renamed for this run.</summary>
    public async Task<ChainedApplication> CreateAsync(string purpose, JsonObject? body = null, CancellationToken cancel = default)
    {
        var create = _runner.Contract.Operation(OperationRole.Create);
        var values = body ?? RequestBodies.Values(create, create.FindRequestExample(ContractOperation.FallbackExample, BodyFormat.Json)!);
        values["name"] = _runner.Budget.NameFor(purpose);
        if (!_runner.Budget.TryReserve())
            return new ChainedApplication(null, null, $"the run has used its budget of {_runner.Budget.Max} creates (--max-creates)");
        var exchange = await _runner.SendAsync(create,
            new PlannedRequest("POST", create.PathTemplate, BodyFormat.Json, values.ToJsonString()), JsonRead.String(values, "name"), cancel);
        if (!exchange.Answered || exchange.Status is not (>= 200 and < 300))
            return new ChainedApplication(null, null, $"creating one failed: {exchange.Request} got {_runner.Mask.Apply(exchange.Describe())}");
        return JsonRead.String(JsonRead.TryParse(exchange.Body), "applicationId") is { Length: > 0 } id
            ? new ChainedApplication(id, RequestBodies.WithDefaults(values, create.RequestSchema(BodyFormat.Json)), null)
            : new ChainedApplication(null, null, $"the create answer carries no applicationId: {_runner.Mask.Apply(CheckContext.Excerpt(exchange.Body))}");
    }

    /// <summary>Read-only runs may not create: they read the first application the account already has.</summary>
    private async Task<ChainedApplication> FirstListedAsync(CancellationToken cancel)
    {
        var list = _runner.Contract.Operation(OperationRole.List);
        var exchange = await _runner.SendAsync(list, new PlannedRequest("GET", list.PathTemplate, BodyFormat.Json), null, cancel);
        if (!exchange.Answered || exchange.Status != 200)
            return new ChainedApplication(null, null, $"listing failed: {_runner.Mask.Apply(exchange.Describe())}");
        return JsonRead.TryParse(exchange.Body) is JsonArray { Count: > 0 } items && items[0] is JsonObject first
               && JsonRead.String(first, "applicationId") is { } id
            ? new ChainedApplication(id, (JsonObject)first.DeepClone(), null)
            : new ChainedApplication(null, null, "the account has no application to read, and CONFORMANCE_READ_ONLY=true forbids creating one");
    }
}
