using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// Case stubs in WireMock's own (Java) stub mapping format, the one WireMock tooling reads
/// (<c>mappings/*.json</c> under <c>--root-dir</c>). The same conditions as <see cref="WireMockNetMappings"/>:
/// regexes become <c>matches</c>/<c>doesNotMatch</c>, an absent header <c>absent</c>, a partial JSON body
/// <c>equalToJson</c> with <c>ignoreExtraElements</c>, a field that must be missing <c>not matchesJsonPath</c>.
/// </summary>
public static class WireMockJavaMappings
{
    public static JsonObject ToJson(CaseMapping mapping)
    {
        var request = new JsonObject { ["method"] = mapping.Method };
        if (mapping.ExactPath is { } exact) request["urlPath"] = exact;
        else request["urlPathPattern"] = mapping.PathPattern;

        var headers = new JsonObject();
        foreach (var rule in mapping.Headers)
            headers[rule.Name] = !rule.Rejects ? new JsonObject { ["matches"] = rule.Pattern }
                : rule.RequiresAbsence ? new JsonObject { ["absent"] = true }
                // A missing header passes too, as with WireMock.Net's RejectOnMatch.
                : new JsonObject { ["or"] = new JsonArray(new JsonObject { ["absent"] = true }, new JsonObject { ["doesNotMatch"] = rule.Pattern }) };
        request["headers"] = headers;
        if (mapping.Query.Count > 0)
        {
            var query = new JsonObject();
            foreach (var (name, value) in mapping.Query) query[name] = new JsonObject { ["equalTo"] = value };
            request["queryParameters"] = query;
        }

        if (mapping.Body is { } body) request["bodyPatterns"] = BodyPatterns(body);

        return new JsonObject
        {
            ["id"] = mapping.Id.ToString(),
            ["name"] = mapping.Title,
            ["priority"] = mapping.Priority,
            ["request"] = request,
            ["response"] = new JsonObject
            {
                ["status"] = mapping.Status,
                ["headers"] = new JsonObject { ["Content-Type"] = mapping.ContentType },
                ["body"] = mapping.Answer.Text,
            },
            ["metadata"] = new JsonObject { ["description"] = mapping.Description },
        };
    }

    private static JsonArray BodyPatterns(BodyRules rules)
    {
        var patterns = new JsonArray();
        if (rules.Format == BodyFormat.Json)
        {
            if (rules.Equal.Count > 0)
                patterns.Add(new JsonObject { ["equalToJson"] = WireMockNetMappings.PartialJson(rules.Equal), ["ignoreExtraElements"] = true });
            foreach (var field in rules.Absent)
                patterns.Add(new JsonObject { ["not"] = new JsonObject { ["matchesJsonPath"] = "$." + string.Join(".", field) } });
        }
        else
        {
            foreach (var field in rules.Equal) patterns.Add(new JsonObject { ["matchesXPath"] = WireMockNetMappings.XPathOf(field) });
            foreach (var field in rules.Absent)
                patterns.Add(new JsonObject { ["not"] = new JsonObject { ["matchesXPath"] = WireMockNetMappings.XPathOf(field) } });
        }
        return patterns;
    }
}
