using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// Turns every documented case of the contract into WireMock stubs, generically: whatever operations,
/// example names and statuses the contract has. Per case:
/// <list type="bullet">
/// <item>a request-caused case (<c>basic</c>, or an example with its own request body or path id) gets a stub
/// matching what makes a request that example: its path id (else any id), the media type, and the body
/// fields that set its request example apart from <c>basic</c>'s (plus the required fields it lacks);
/// <c>basic</c> itself matches all its fields;</item>
/// <item>the credentials case (401) gets a stub for a request without Authorization;</item>
/// <item>every case, and so the ones no request can cause (429, 500), gets a stub per documented status
/// for <c>Prefer: example=…</c> / <c>code=…</c>.</item>
/// </list>
/// Lower priority numbers win: Prefer stubs, then the credentials stub, then the more body fields (and an exact
/// path id) a stub matches, the sooner it wins; a stub for XML wins over JSON when Accept names both.
/// </summary>
public static class CaseMappings
{
    /// <summary>Any well-formed-looking credential, in the schemes the API takes.</summary>
    public const string CredentialPattern = @"^(?i)(Basic|App|IBSSO|Bearer) +\S.*$";

    /// <summary>An Accept header that names XML.</summary>
    public const string AcceptsXmlPattern = @"^(?i).*\b(application|text)/xml\b.*$";

    /// <summary>An Accept header that allows no JSON (rejected by the JSON stubs; no Accept at all means JSON).</summary>
    public const string AcceptsNoJsonPattern = @"^(?i)(?!.*(application/json|\*/\*|application/\*)).*$";

    public const string JsonContentTypePattern = @"^(?i)application/json\b.*$";
    public const string XmlContentTypePattern = @"^(?i)(application|text)/xml\b.*$";
    public const string AnyContentTypePattern = @"^(?i)(application/json|application/xml|text/xml)\b.*$";

    /// <summary>An Accept header that names no media type the API writes (a 406 case).</summary>
    public const string AcceptsNeitherPattern = @"^(?i)(?!.*(application/json|application/xml|text/xml|\*/\*|application/\*)).+$";

    /// <summary>A body Content-Type the API does not read (a 415 case).</summary>
    public const string UnreadableContentTypePattern = @"^(?i)(?!(application/json|application/xml|text/xml)\b).+$";

    /// <summary>A Prefer header asking for an example: stubs for plain requests leave it to the Prefer stubs.</summary>
    public const string AsksForExamplePattern = @"^(?i).*\b(code|example)\s*=.*$";

    private const int PreferPriority = 100;
    private const int CredentialsPriority = 500;
    private const int RequestCausedPriority = 1000;

    public static IReadOnlyList<CaseMapping> From(ContractDocument contract, int createStatus) =>
        [.. contract.AllOperations.SelectMany(o => o.Cases).SelectMany(c => ForCase(c, createStatus))];

    private static IEnumerable<CaseMapping> ForCase(ContractCase c, int createStatus)
    {
        var operation = c.Operation;
        var id = c.Id;
        var status = c.Statuses.Contains(createStatus) ? createStatus : c.Statuses[0];
        var xmlBonus = c.Format == BodyFormat.Xml ? 1 : 0;
        var hasBody = operation.RequestExamples.Count > 0;
        // Every path parameter (a template's path has two) matches any id; a case with its own ids matches them exactly.
        var anyIdPattern = "^" + Regex.Replace(Regex.Escape(operation.PathTemplate), @"\\\{[^/}]+}", "[^/]+") + "$";
        string? exactCollection = operation.PathParameter is null ? operation.PathTemplate : null;
        var basicPath = operation.Cases.FirstOrDefault(b => b.Name == ContractOperation.FallbackExample)?.Path;
        var request = c.RequestBody;

        CaseMapping Make(string title, string description, string stem, int priority, string? exactPath, IEnumerable<HeaderRule> headers, BodyRules? body, int answerStatus, string? method = null,
            IReadOnlyDictionary<string, string>? query = null)
        {
            var exact = exactPath ?? exactCollection;
            return new(GuidOf(title), title, description, stem, priority, method ?? operation.Method, exact, exact is null ? anyIdPattern : null,
                headers.ToList(), body, operation.ResponseExample(answerStatus, c.Name, c.Format)) { Query = query ?? new Dictionary<string, string>() };
        }

        // Its own ids: any path parameter with an example of the case's name (the template's application, the pinId).
        var ownPath = c.Name != ContractOperation.FallbackExample && (operation.PathExamples.ContainsKey(c.Name) || (basicPath is not null && c.Path != basicPath));
        // A query parameter the basic case does not send with that value makes the case (ncNeeded=false).
        var basicQuery = operation.Cases.FirstOrDefault(b => b.Name == ContractOperation.FallbackExample)?.QueryValues ?? new Dictionary<string, string>();
        var ownQuery = c.QueryValues.Any(q => basicQuery.GetValueOrDefault(q.Key) != q.Value);
        var ownRequest = operation.RequestExamples.Any(e => e.Name == c.Name);
        var stem = $"{operation.OperationId}--{c.Name}--{c.Format.Suffix()}";
        if (c.Statuses.All(s => s == 401))
        {
            yield return Make(id, $"{operation.Method} {operation.PathTemplate} without Authorization answers the documented {c.Name} example ({status}).",
                stem, CredentialsPriority - xmlBonus, null, [HeaderRule.Absent("Authorization"), AcceptRule(c.Format)], null, status);
        }
        else if (c.Statuses.Any(s => s is 405 or 406 or 415))
        {
            // Caused by the HTTP envelope: a method the path does not take, an Accept or a Content-Type the API cannot use.
            List<HeaderRule> headers = [new("Authorization", CredentialPattern), new("Prefer", AsksForExamplePattern, Rejects: true)];
            var method = c.Method;
            if (c.Statuses.Contains(406)) headers.Add(new HeaderRule("Accept", AcceptsNeitherPattern));
            else headers.Add(AcceptRule(c.Format));
            if (c.Statuses.Contains(415)) headers.Add(new HeaderRule("Content-Type", UnreadableContentTypePattern));
            yield return Make(id, $"{method} {operation.PathTemplate} answers the documented {c.Name} example ({status}).", stem,
                RequestCausedPriority - 50 - xmlBonus, null, headers, null, status, method);
        }
        else if (c.Name == ContractOperation.FallbackExample || ownRequest || ownPath || ownQuery)
        {
            var body = request is null ? null : RulesFor(request, operation, c.Format);
            var specificity = (body?.Count ?? 0) + (ownPath ? 2 : 0) + (ownQuery ? 2 : 0);
            List<HeaderRule> headers = [new("Authorization", CredentialPattern), AcceptRule(c.Format)];
            if (hasBody) headers.Add(new HeaderRule("Content-Type", c.Format == BodyFormat.Xml ? XmlContentTypePattern : JsonContentTypePattern));
            headers.Add(new HeaderRule("Prefer", AsksForExamplePattern, Rejects: true));
            var what = $"{operation.Method} {(ownPath ? c.Path : operation.PathTemplate)}{(request is null ? "" : $" with the {request.Name} request")}";
            yield return Make(id, $"{what}{(ownQuery ? " and ?" + string.Join("&", c.QueryValues.Select(q => $"{q.Key}={q.Value}")) : "")} answers the documented {c.Name} example ({status}).", stem,
                RequestCausedPriority - 10 * specificity - xmlBonus, ownPath ? c.Path : null, headers, body, status, query: ownQuery ? c.QueryValues : null);
        }

        foreach (var preferStatus in c.Statuses)
        {
            var first = operation.ResponseExamples.First(e => e.Status == preferStatus && e.Format == c.Format).Name == c.Name;
            List<HeaderRule> headers = [new("Authorization", CredentialPattern), AcceptRule(c.Format)];
            // A body the operation may leave out (a resend's) has no Content-Type either: Prefer answers it all the same.
            if (hasBody && operation.RequestBodyRequired) headers.Add(new HeaderRule("Content-Type", AnyContentTypePattern));
            headers.Add(new HeaderRule("Prefer", PreferPattern(c.Name, preferStatus, byName: preferStatus == status, byCode: first)));
            var suffix = preferStatus == status ? "" : $" code={preferStatus}";
            yield return Make($"{id} (Prefer{suffix})",
                $"{operation.Method} {operation.PathTemplate} with Prefer: example={c.Name}{(first ? $" or code={preferStatus}" : "")} answers the documented {c.Name} example ({preferStatus}).",
                $"{stem}--prefer{(suffix.Length == 0 ? "" : "-" + preferStatus)}", PreferPriority - xmlBonus, null, headers, null, preferStatus) with { AnswersPrefer = true };
        }
    }

    private static HeaderRule AcceptRule(BodyFormat format) =>
        format == BodyFormat.Xml ? new HeaderRule("Accept", AcceptsXmlPattern) : new HeaderRule("Accept", AcceptsNoJsonPattern, Rejects: true);

    /// <summary>
    /// Prefer: example=NAME (when this is the status the name answers with), code=STATUS with example=NAME,
    /// or code=STATUS alone (when NAME is the status's first example); keys in any order and case.
    /// </summary>
    internal static string PreferPattern(string name, int status, bool byName, bool byCode)
    {
        const string start = @"(?:^|[,;])\s*";
        var example = $@"{start}example\s*=\s*""?{Regex.Escape(name)}""?\s*(?:[,;]|$)";
        var code = $@"{start}code\s*=\s*""?{status}""?\s*(?:[,;]|$)";
        var anyCode = $@"{start}code\s*=";
        var anyExample = $@"{start}example\s*=";
        var alternatives = new List<string> { $"(?=.*{example})(?=.*{code})" };
        if (byName) alternatives.Insert(0, $"(?=.*{example})(?!.*{anyCode})");
        if (byCode) alternatives.Add($"(?=.*{code})(?!.*{anyExample})");
        return $"^(?i)(?:{string.Join("|", alternatives)}).*$";
    }

    /// <summary>
    /// The body fields that make a request this example: for <c>basic</c> all of them; for another example
    /// those whose value differs from <c>basic</c>'s, and the required fields it leaves out.
    /// </summary>
    private static BodyRules RulesFor(ExampleBody example, ContractOperation operation, BodyFormat format)
    {
        var fields = FieldsOf(example);
        var basic = operation.RequestExamples.FirstOrDefault(e => e.Name == ContractOperation.FallbackExample && e.Format == format);
        if (example.Name == ContractOperation.FallbackExample || basic is null) return new BodyRules(format, fields, []);

        var basicFields = FieldsOf(basic);
        var differing = fields.Where(f => !basicFields.Any(b => b.Path.SequenceEqual(f.Path) && b.Text == f.Text)).ToList();
        var absent = operation.RequiredRequestFields.Where(r => !fields.Any(f => f.Path[0] == r)).Select(r => (IReadOnlyList<string>)[r]).ToList();
        return differing.Count + absent.Count == 0 ? new BodyRules(format, fields, []) : new BodyRules(format, differing, absent);
    }

    /// <summary>The scalar fields of an example body, by path below the root.</summary>
    internal static List<BodyField> FieldsOf(ExampleBody example)
    {
        var fields = new List<BodyField>();
        if (example.Format == BodyFormat.Json) Walk(JsonNode.Parse(example.Text), []);
        else WalkXml(XDocument.Parse(example.Text).Root!, []);
        return fields;

        void Walk(JsonNode? node, List<string> path)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o) Walk(value, [.. path, key]);
                    break;
                case JsonValue v when path.Count > 0:
                    fields.Add(new BodyField(path, v));
                    break;
                // Arrays and nulls: the contract's request bodies have none; such a field is not matched on.
            }
        }

        void WalkXml(XElement element, List<string> path)
        {
            if (!element.HasElements)
            {
                if (path.Count > 0) fields.Add(new BodyField(path, JsonValue.Create(element.Value)));
                return;
            }
            foreach (var child in element.Elements()) WalkXml(child, [.. path, child.Name.LocalName]);
        }
    }

    /// <summary>A stable id per stub title, so an edit through the admin API can name the stub across restarts.</summary>
    private static Guid GuidOf(string title) => new(MD5.HashData(Encoding.UTF8.GetBytes("TwoFactorContracts " + title)));
}
