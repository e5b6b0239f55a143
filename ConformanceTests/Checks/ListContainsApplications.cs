using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>A list answer contains every application the run expects in it (same id, same name).</summary>
public sealed class ListContainsApplications : ICheck<ExpectedListMembers>
{
    public string Name => "list-contains";

    public CheckVerdict Run(CheckContext c, ExpectedListMembers expected)
    {
        var members = expected.Applications;
        var (node, problem) = c.Values;
        if (node is not JsonArray list)
            return this.Fail(problem ?? $"the body is {JsonRead.Kind(node)}, not a list", "a list", CheckContext.Excerpt(c.Exchange.Body));
        var missing = members
            .Where(m => !list.OfType<JsonObject>().Any(item =>
                ApplicationValue.Same(m["applicationId"], item["applicationId"]) && ApplicationValue.Same(m["name"], item["name"])))
            .Select(m => $"{ApplicationValue.Text(m["applicationId"])} ({ApplicationValue.Text(m["name"])})")
            .ToList();
        return missing.Count == 0
            ? this.Pass($"all {members.Count} expected applications are listed among {list.Count}")
            : this.Fail($"the list lacks {string.Join(", ", missing)}", string.Join(", ", missing), $"{list.Count} applications");
    }
}
