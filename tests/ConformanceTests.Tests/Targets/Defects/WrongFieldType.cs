using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>A field answered with a value of the wrong JSON type (pinAttempts as the string "ten").</summary>
public sealed class WrongFieldType(string field, JsonNode value) : IAnswerDefect
{
    public ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer) => answer.IsJson
        ? answer with { Body = BodyEdit.Json(answer.Body, o => { if (o.ContainsKey(field)) o[field] = value.DeepClone(); }) }
        : answer;
}
