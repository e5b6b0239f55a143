using System.Xml.Linq;

namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>A field left out of every answer (or only of the answers to requests <paramref name="only"/> takes), in JSON and in XML.</summary>
public sealed class MissingField(string field, Func<ProxiedRequest, bool>? only = null) : IAnswerDefect
{
    /// <summary>Only the answers to a get of one application (GET /2fa/2/applications/{id}).</summary>
    public static MissingField OnGet(string field) => new(field, r => r.Method == "GET" && r.AddressesOneApplication);

    public ProxiedAnswer Apply(ProxiedRequest request, ProxiedAnswer answer) =>
        only is not null && !only(request) ? answer
        : answer.IsJson ? answer with { Body = BodyEdit.Json(answer.Body, o => o.Remove(field)) }
        : answer.IsXml ? answer with { Body = BodyEdit.Xml(answer.Body, root => Extensions.Remove(root.DescendantsAndSelf().Where(e => e.Name.LocalName == field).ToList())) }
        : answer;
}
