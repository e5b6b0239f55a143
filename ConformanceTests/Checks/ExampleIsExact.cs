using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>An examples-mode target answers the paired documented example value for value.</summary>
public sealed class ExampleIsExact : ICheck<ExpectedExample>
{
    public string Name => "exact-example";

    public CheckVerdict Run(CheckContext c, ExpectedExample expected)
    {
        var example = expected.Body;
        var (node, problem) = c.Values;
        if (node is null) return this.Fail(problem!, CheckContext.Excerpt(example.ToJsonString()), CheckContext.Excerpt(c.Exchange.Body));
        return JsonNode.DeepEquals(example, node)
            ? this.Pass("the body is the documented example")
            : this.Fail($"the body is not the documented example: {FirstDifference(example, node, "")}",
                CheckContext.Excerpt(example.ToJsonString()), CheckContext.Excerpt(node.ToJsonString()));
    }

    private static string FirstDifference(JsonNode? expected, JsonNode? received, string path)
    {
        switch (expected)
        {
            case JsonObject e when received is JsonObject r:
                foreach (var key in e.Select(p => p.Key).Union(r.Select(p => p.Key)))
                    if (!JsonNode.DeepEquals(e[key], r[key]))
                        return FirstDifference(e[key], r[key], path.Length == 0 ? key : $"{path}.{key}");
                break;
            case JsonArray e when received is JsonArray r:
                if (e.Count != r.Count) return $"{Where(path)} has {r.Count} items, expected {e.Count}";
                for (var i = 0; i < e.Count; i++)
                    if (!JsonNode.DeepEquals(e[i], r[i]))
                        return FirstDifference(e[i], r[i], $"{path}[{i}]");
                break;
        }
        return $"{Where(path)} is {ApplicationValue.Text(received)}, expected {ApplicationValue.Text(expected)}";
    }

    private static string Where(string path) => path.Length == 0 ? "the body" : path;
}
