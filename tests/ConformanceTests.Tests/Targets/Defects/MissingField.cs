using System.Xml.Linq;

namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>A field left out of every answer, in JSON and in XML.</summary>
public sealed class MissingField(string field) : IAnswerDefect
{
    public ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer) =>
        answer.IsJson ? answer with { Body = BodyEdit.Json(answer.Body, o => o.Remove(field)) }
        : answer.IsXml ? answer with { Body = BodyEdit.Xml(answer.Body, root => Extensions.Remove(root.DescendantsAndSelf().Where(e => e.Name.LocalName == field).ToList())) }
        : answer;
}
