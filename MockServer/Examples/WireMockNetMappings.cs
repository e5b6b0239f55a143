using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using WireMock.Admin.Mappings;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// Case stubs as WireMock.Net mapping models: what the running mock loads (<c>WithMapping</c>) and what
/// <c>--export-mappings</c> writes for WireMock.Net's static-mapping loading. Only WireMock.Net's own matchers.
/// </summary>
public static class WireMockNetMappings
{
    public static MappingModel ToModel(CaseMapping mapping) => new()
    {
        Guid = mapping.Id,
        Title = mapping.Title,
        Description = mapping.Description,
        Priority = mapping.Priority,
        Request = new RequestModel
        {
            // Headers first, and a mismatch there ends the stub's matching: WireMock.Net otherwise runs every
            // matcher of every stub, and a body matcher of the other media type (XPath on JSON) throws inside.
            EarlyMatcherType = WireMock.Matchers.Request.RequestMatcherType.Header,
            Methods = [mapping.Method],
            Path = new PathModel
            {
                Matchers = [mapping.ExactPath is { } exact
                    ? new MatcherModel { Name = "ExactMatcher", Pattern = exact }
                    : new MatcherModel { Name = "RegexMatcher", Pattern = mapping.PathPattern }],
            },
            Headers = mapping.Headers.Select(h => new HeaderModel
            {
                Name = h.Name,
                // The matcher's RejectOnMatch refuses a matching value; the header's lets an absent header through.
                Matchers = [new MatcherModel { Name = "RegexMatcher", Pattern = h.Pattern, RejectOnMatch = h.Rejects ? true : null }],
                RejectOnMatch = h.Rejects ? true : null,
            }).ToList(),
            Body = mapping.Body is { } body ? BodyOf(body) : null,
            Params = mapping.Query.Count == 0 ? null : mapping.Query.Select(q => new ParamModel
            {
                Name = q.Key,
                Matchers = [new MatcherModel { Name = "ExactMatcher", Pattern = q.Value }],
            }).ToList(),
        },
        Response = new ResponseModel
        {
            StatusCode = mapping.Status,
            Headers = new Dictionary<string, object> { ["Content-Type"] = mapping.ContentType },
            Body = mapping.Answer.Text,
        },
    };

    private static BodyModel BodyOf(BodyRules rules)
    {
        var matchers = new List<MatcherModel>();
        if (rules.Format == BodyFormat.Json)
        {
            // JsonPartialMatcher: the body holds at least these fields with these values, in any order.
            if (rules.Equal.Count > 0) matchers.Add(new MatcherModel { Name = "JsonPartialMatcher", Pattern = PartialJson(rules.Equal).ToJsonString() });
            matchers.AddRange(rules.Absent.Select(field => new MatcherModel
            {
                Name = "JsonPathMatcher", Pattern = "$." + string.Join(".", field), RejectOnMatch = true,
            }));
        }
        else
        {
            // One matcher for all fields: the body is parsed once per stub.
            if (rules.Equal.Count > 0)
                matchers.Add(new MatcherModel { Name = "XPathMatcher", Patterns = [.. rules.Equal.Select(XPathOf)], MatchOperator = "And" });
            matchers.AddRange(rules.Absent.Select(field => new MatcherModel
            {
                Name = "XPathMatcher", Pattern = XPathOf(field), RejectOnMatch = true,
            }));
        }
        return new BodyModel { Matchers = [.. matchers], MatchOperator = "And" };
    }

    /// <summary>The fields as one JSON object (nested like the body), for partial matching.</summary>
    internal static JsonObject PartialJson(IEnumerable<BodyField> fields)
    {
        var root = new JsonObject();
        foreach (var field in fields)
        {
            var parent = root;
            foreach (var key in field.Path.SkipLast(1))
                parent = parent[key] as JsonObject ?? (JsonObject)(parent[key] = new JsonObject());
            parent[field.Path[^1]] = field.Value.DeepClone();
        }
        return root;
    }

    /// <summary><c>/*/configuration/pinAttempts[.='10']</c>: any root element (the API reads two request roots).</summary>
    internal static string XPathOf(BodyField field) => $"/*/{string.Join("/", field.Path)}[.={XPathLiteral(field.Text)}]";

    internal static string XPathOf(IReadOnlyList<string> field) => "/*/" + string.Join("/", field);

    private static string XPathLiteral(string text) =>
        !text.Contains('\'') ? $"'{text}'"
        : !text.Contains('"') ? $"\"{text}\""
        : "concat('" + text.Replace("'", "', \"'\", '", StringComparison.Ordinal) + "')";
}
