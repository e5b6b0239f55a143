using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The answered message template carries every value sent (or established earlier), and a messageId.</summary>
public sealed class TemplateMatches : ICheck
{
    public string Name => "template";

    public CheckVerdict Run(CheckContext c)
    {
        if (c.Expected.Template is not { } expected) return this.NotApplicable("no template values are expected");
        var (answer, verdict) = FlowValue.Object(this, c, "a message template");
        if (verdict is not null) return verdict;
        var differences = expected
            .Where(f => !ApplicationValue.Same(f.Value, answer![f.Key]))
            .Select(f => $"{f.Key}: expected {ApplicationValue.Text(f.Value)}, received {ApplicationValue.Text(answer![f.Key])}")
            .ToList();
        if (FlowValue.Text(answer!["messageId"]) is not { Length: > 0 }) differences.Add("messageId is missing");
        return differences.Count == 0
            ? this.Pass($"{expected.Count} template fields match")
            : this.Fail($"the template differs: {string.Join("; ", differences)}", expected.ToJsonString(), CheckContext.Excerpt(answer.ToJsonString()));
    }
}
