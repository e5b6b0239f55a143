using System.Xml.Linq;

namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>Replaces a specific error id with a generic one (APPLICATION_NOT_FOUND becomes NOT_FOUND), as today's API does.</summary>
public sealed class GenericErrorId(string specific, string generic) : IAnswerDefect
{
    public ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer) =>
        answer.IsJson ? answer with { Body = BodyEdit.Json(answer.Body, Replace) }
        : answer.IsXml ? answer with { Body = BodyEdit.Xml(answer.Body, Replace) }
        : answer;

    private void Replace(System.Text.Json.Nodes.JsonObject o)
    {
        if (o["messageId"]?.GetValue<string>() == specific) o["messageId"] = generic;
    }

    private void Replace(XElement root)
    {
        foreach (var id in root.Descendants().Where(e => e.Name.LocalName == "messageId" && e.Value == specific))
            id.Value = generic;
    }
}
