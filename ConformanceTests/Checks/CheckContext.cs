using System.Text.Json;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>Everything a check may look at: the operation, the exchange, what was expected, the mode.</summary>
public sealed class CheckContext(ContractOperation operation, Exchange exchange, Expectation expected, ConformanceMode mode)
{
    private (JsonNode? Node, string? Problem)? _values;

    public ContractOperation Operation { get; } = operation;

    public Exchange Exchange { get; } = exchange;

    public Expectation Expected { get; } = expected;

    public ConformanceMode Mode { get; } = mode;

    /// <summary>The status whose schema judges the body: the received one when documented, else the first expected.</summary>
    public int SchemaStatus =>
        Exchange.Status is { } s && Operation.Responses.Any(r => r.Status == s) ? s : Expected.Statuses[0];

    public ContractSchema? Schema
    {
        get
        {
            try { return Operation.ResponseSchema(SchemaStatus, Expected.Format); }
            catch (InvalidOperationException) { return null; }
        }
    }

    /// <summary>The body as JSON values (XML read through the contract's xml names), or why it cannot be read.</summary>
    public (JsonNode? Node, string? Problem) Values => _values ??= ReadValues();

    private (JsonNode?, string?) ReadValues()
    {
        var body = Exchange.Body;
        if (string.IsNullOrWhiteSpace(body)) return (null, "the body is empty");
        if (Expected.Format == BodyFormat.Xml)
        {
            if (Schema is not { } schema) return (null, $"the contract documents no XML body for {SchemaStatus}");
            try { return (schema.XmlToJson(body), null); }
            catch (FormatException e) { return (null, $"the body cannot be read as the contract's XML: {e.Message}"); }
        }
        try { return (JsonNode.Parse(body), null); }
        catch (JsonException e) { return (null, $"the body is not JSON: {e.Message}"); }
    }

    public static string Excerpt(string text, int max = 300) =>
        text.Length <= max ? text : text[..max] + $"… ({text.Length} chars)";
}
