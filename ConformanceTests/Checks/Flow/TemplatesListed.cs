using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>A list of message templates holds every template the run created under that application (by messageId).</summary>
public sealed class TemplatesListed : ICheck<ExpectedTemplatesListed>
{
    public string Name => "templates-listed";

    public CheckVerdict Run(CheckContext c, ExpectedTemplatesListed expected)
    {
        var wanted = expected.MessageIds;
        var (node, problem) = c.Values;
        if (node is not JsonArray list) return this.Fail(problem ?? $"the body is {JsonRead.Kind(node)}, not a list", "a list", CheckContext.Excerpt(c.Exchange.Body));
        var ids = list.OfType<JsonObject>().Select(t => FlowValue.Text(t["messageId"])).ToHashSet();
        var missing = wanted.Where(id => !ids.Contains(id)).ToList();
        return missing.Count == 0
            ? this.Pass($"all {wanted.Count} templates are listed among {list.Count}")
            : this.Fail($"the list lacks {string.Join(", ", missing)}", string.Join(", ", wanted), $"{list.Count} templates");
    }
}
