using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// A successful answer carries every field the contract's documented examples of that answer carry (processId,
/// configuration, ...), not only the schema's required ones. A field the profile says may be absent is accepted.
/// </summary>
public sealed class DocumentedFieldsPresent : ICheck
{
    public string Name => "documented-fields";

    public CheckVerdict Run(CheckContext c)
    {
        var documented = DocumentedFields(c.Operation, c.SchemaStatus);
        if (documented.Count == 0) return this.NotApplicable("the documented examples carry no fields");
        var (node, _) = c.Values;
        var items = node switch
        {
            JsonObject application => [application],
            JsonArray list => list.OfType<JsonObject>().ToList(),
            _ => [],
        };
        if (items.Count == 0) return this.NotApplicable("no application in the answer");
        var missing = documented.Where(f => items.Any(item => !item.ContainsKey(f))).ToList();
        if (missing.Count == 0) return this.Pass($"carries {string.Join(", ", documented)}");
        var accepted = missing.Select(f => c.Profile.Deviations.FirstOrDefault(d => d.AbsentField == f)).ToList();
        var text = $"the answer leaves out {string.Join(", ", missing)}, which the documented examples carry";
        return accepted.All(d => d is not null)
            ? new CheckVerdict(Name, Outcome.Accepted, $"{accepted[0]!.Reason} ({text})", string.Join(", ", documented), "without " + string.Join(", ", missing)) { Deviation = string.Join(", ", accepted.Select(d => d!.Id).Distinct()) }
            : this.Fail(text, string.Join(", ", documented), "without " + string.Join(", ", missing));
    }

    /// <summary>The fields every documented example of the answer carries.</summary>
    private static IReadOnlyList<string> DocumentedFields(ContractOperation operation, int status)
    {
        var sets = operation.Responses.Where(r => r.Status == status).SelectMany(r => r.Examples)
            .Where(e => e.Format == BodyFormat.Json)
            .Select(e => JsonNode.Parse(e.Text))
            .SelectMany(n => n switch
            {
                JsonObject o => [o],
                JsonArray a => a.OfType<JsonObject>(),
                _ => [],
            })
            .Select(o => o.Select(p => p.Key).ToList())
            .ToList();
        return sets.Count == 0 ? [] : sets.Aggregate((a, b) => a.Intersect(b).ToList());
    }
}
