using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// A request that breaks exactly one rule of the request schema: the documented <c>basic</c> body with one
/// value removed or replaced. Id reads like <c>createApplication/json/configuration.pinAttempts/minimum</c>.
/// </summary>
public sealed record NegativeCase(
    ContractOperation Operation,
    BodyFormat Format,
    IReadOnlyList<string> Pointer,
    string Rule,
    JsonNode? Value,
    bool Remove,
    string Description)
{
    public string Field => string.Join('.', Pointer);

    public string Id => $"{Operation.OperationId}/{Format.Suffix()}/{Field}/{Rule}";

    /// <summary>The base values with this case's one change applied.</summary>
    public JsonObject Apply(JsonObject baseValues)
    {
        var values = (JsonObject)baseValues.DeepClone();
        var parent = values;
        foreach (var segment in Pointer.SkipLast(1))
        {
            if (parent[segment] is not JsonObject child) parent[segment] = child = new JsonObject();
            parent = child;
        }
        if (Remove) parent.Remove(Pointer[^1]);
        else parent[Pointer[^1]] = Value?.DeepClone();
        return values;
    }

    public override string ToString() => Id;
}
