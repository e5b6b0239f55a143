using System.Xml.Linq;

namespace TwoFactorContracts.ConformanceTests.Targets.Defects;

/// <summary>
/// A target that ignores a request field (<c>regional</c>, <c>trackDelivery</c>), as one built before the field
/// existed: the field is taken out of every JSON or XML request body, at any depth, before it goes upstream.
/// </summary>
public sealed class RequestFieldIgnored(string field) : IAnswerDefect
{
    public ProxiedRequest Rewrite(ProxiedRequest request)
    {
        if (request.Body.Length == 0) return request;
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            return request with { Body = BodyEdit.Json(request.Body, o => o.Remove(field)) };
        if (request.ContentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true)
            return request with
            {
                Body = BodyEdit.Xml(request.Body, root => Extensions.Remove(root.Descendants().Where(e => e.Name.LocalName == field).ToList())),
            };
        return request;
    }
}
