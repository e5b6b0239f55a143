using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>The answered message template carries every value sent (or established earlier), and a messageId.</summary>
public sealed class TemplateMatches : ICheck<ExpectedTemplate>
{
    public string Name => "template";

    public CheckVerdict Run(CheckContext c, ExpectedTemplate template)
    {
        if (!FlowValue.TryObject(this, c, "a message template", out var answer, out var failure)) return failure;
        var expected = template.Values;
        var differences = expected
            .Where(f => !ApplicationValue.Same(f.Value, answer[f.Key]))
            .Select(f => $"{f.Key}: expected {ApplicationValue.Text(f.Value)}, received {ApplicationValue.Text(answer[f.Key])}")
            .ToList();
        if (FlowValue.Text(answer["messageId"]) is not { Length: > 0 }) differences.Add("messageId is missing");
        return differences.Count == 0
            ? this.Pass($"{expected.Count} template fields match")
            : this.Fail($"the template differs: {string.Join("; ", differences)}", expected.ToJsonString(), CheckContext.Excerpt(answer.ToJsonString()));
    }
}
