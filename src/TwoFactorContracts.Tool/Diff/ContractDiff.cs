using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.Tool.Diff;

/// <summary>
/// Compares two contracts from a client's side: paths, operations, parameters, request bodies, responses and
/// security schemes here; fields inside their schemas in <see cref="SchemaDiff"/>.
/// </summary>
public static partial class ContractDiff
{
    /// <summary>Every change from <paramref name="old"/> to <paramref name="new"/>, in document order.</summary>
    public static IReadOnlyList<Change> Compare(OpenApiDocument old, OpenApiDocument @new)
    {
        var changes = new List<Change>();
        Paths(changes, old, @new);
        SecuritySchemes(changes, old, @new);
        Sources(changes, old, @new);
        return changes;
    }

    /// <summary>
    /// A rule in both contracts whose <c>x-source</c> changed (seed, document, ours: decision; or unmarked), matched by
    /// its place and rule. Informational: the answers do not change. A rule that appears or goes, with its source,
    /// is the other rules' change.
    /// </summary>
    private static void Sources(List<Change> changes, OpenApiDocument old, OpenApiDocument @new)
    {
        static string Label(ContractMark mark) =>
            mark.Source?.ToString() ?? (mark.Text is { } text ? $"unreadable '{text}'" : "unmarked");
        var oldMarks = ContractProvenance.Of(old).Marks.ToLookup(m => (m.Where, m.What));
        foreach (var place in ContractProvenance.Of(@new).Marks.GroupBy(m => (m.Where, m.What)))
        foreach (var (was, now) in oldMarks[place.Key].Zip(place))
        {
            if (Label(was) == Label(now)) continue;
            changes.Add(ChangeRules.Found(ChangeRules.SourceChanged,
                new ChangeLocation(now.Where, now.What == "status" ? "" : now.What), $"source {Label(was)} -> {Label(now)}"));
        }
    }

    private static void Paths(List<Change> changes, OpenApiDocument old, OpenApiDocument @new)
    {
        // /a/{id} and /a/{applicationId} are the same path to a client: match on the template's shape.
        var newPaths = @new.Paths.ToDictionary(p => PathShape(p.Key), p => p);
        var oldShapes = old.Paths.Keys.Select(PathShape).ToHashSet();
        foreach (var (template, oldItem) in old.Paths)
        {
            if (newPaths.TryGetValue(PathShape(template), out var newPath))
                Operations(changes, template, newPath.Key, oldItem, newPath.Value);
            else
                changes.Add(ChangeRules.Found(ChangeRules.PathRemoved, new ChangeLocation(template), "path removed"));
        }
        foreach (var (template, _) in newPaths.Where(p => !oldShapes.Contains(p.Key)).Select(p => p.Value))
            changes.Add(ChangeRules.Found(ChangeRules.PathAdded, new ChangeLocation(template), "path added"));
    }

    private static void Operations(List<Change> changes, string template, string newTemplate, IOpenApiPathItem oldItem, IOpenApiPathItem newItem)
    {
        var oldOperations = oldItem.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>();
        var newOperations = newItem.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>();
        foreach (var (method, oldOperation) in oldOperations)
        {
            var name = OperationName(method, template, oldOperation);
            if (!newOperations.TryGetValue(method, out var newOperation))
            {
                changes.Add(ChangeRules.Found(ChangeRules.OperationRemoved, new ChangeLocation(name), "operation removed"));
                continue;
            }
            Parameters(changes, name, PathParameterNames(template, newTemplate),
                [.. oldItem.Parameters ?? [], .. oldOperation.Parameters ?? []], [.. newItem.Parameters ?? [], .. newOperation.Parameters ?? []]);
            RequestBody(changes, name, oldOperation.RequestBody, newOperation.RequestBody);
            Responses(changes, name, oldOperation.Responses, newOperation.Responses);
        }
        foreach (var (method, newOperation) in newOperations.Where(o => !oldOperations.ContainsKey(o.Key)))
            changes.Add(ChangeRules.Found(ChangeRules.OperationAdded, new ChangeLocation(OperationName(method, template, newOperation)), "operation added"));
    }

    private static void Parameters(List<Change> changes, string operation, IReadOnlyDictionary<string, string> oldPathNames, List<IOpenApiParameter> old, List<IOpenApiParameter> @new)
    {
        static string Key(IOpenApiParameter p, string? name = null) => $"{p.In?.ToString().ToLowerInvariant()} {name ?? p.Name}";
        // A renamed path parameter ({id} -> {applicationId}) is the same URL segment: key it by the old name.
        string NewKey(IOpenApiParameter p) =>
            Key(p, p.In == ParameterLocation.Path && p.Name is { } n && oldPathNames.TryGetValue(n, out var oldName) ? oldName : null);
        var newByKey = @new.GroupBy(NewKey).ToDictionary(g => g.Key, g => g.Last()); // an operation's parameter overrides its path's
        var oldByKey = old.GroupBy(p => Key(p)).ToDictionary(g => g.Key, g => g.Last());
        foreach (var (key, oldParameter) in oldByKey)
        {
            var part = "parameter " + key;
            if (!newByKey.TryGetValue(key, out var newParameter))
            {
                changes.Add(ChangeRules.Found(ChangeRules.RequestFieldRemoved, new ChangeLocation(operation, part), "parameter removed"));
                continue;
            }
            if (!oldParameter.Required && newParameter.Required)
                changes.Add(ChangeRules.Found(ChangeRules.RequestFieldRequired, new ChangeLocation(operation, part), "optional -> required"));
            SchemaDiff.Compare(changes, oldParameter.Schema, newParameter.Schema, operation, part, Direction.Request, xml: false, rootLabel: "");
        }
        foreach (var (key, newParameter) in newByKey.Where(p => !oldByKey.ContainsKey(p.Key)))
            changes.Add(ChangeRules.Found(newParameter.Required ? ChangeRules.RequestFieldRequired : ChangeRules.RequestFieldAdded,
                new ChangeLocation(operation, "parameter " + key), newParameter.Required ? "added as required" : "added, optional"));
    }

    private static void RequestBody(List<Change> changes, string operation, IOpenApiRequestBody? old, IOpenApiRequestBody? @new)
    {
        if (@new is null) return;
        if (old is null)
        {
            changes.Add(ChangeRules.Found(@new.Required ? ChangeRules.RequestFieldRequired : ChangeRules.RequestFieldAdded,
                new ChangeLocation(operation, "request"), @new.Required ? "request body added as required" : "request body added, optional"));
            return;
        }
        if (!old.Required && @new.Required)
            changes.Add(ChangeRules.Found(ChangeRules.RequestFieldRequired, new ChangeLocation(operation, "request"), "request body optional -> required"));
        Content(changes, operation, "request", old.Content, @new.Content, Direction.Request);
    }

    private static void Responses(List<Change> changes, string operation, OpenApiResponses? old, OpenApiResponses? @new)
    {
        old ??= [];
        @new ??= [];
        foreach (var (status, oldResponse) in old)
        {
            var part = "response " + status;
            if (@new.TryGetValue(status, out var newResponse))
                Content(changes, operation, part, oldResponse.Content, newResponse.Content, Direction.Response);
            else
                changes.Add(ChangeRules.Found(ChangeRules.StatusRemoved, new ChangeLocation(operation, part), "status removed"));
        }
        foreach (var status in @new.Keys.Where(s => !old.ContainsKey(s)))
            changes.Add(ChangeRules.Found(ChangeRules.StatusAdded, new ChangeLocation(operation, "response " + status), "status added"));
    }

    private static void Content(List<Change> changes, string operation, string part, IDictionary<string, IOpenApiMediaType>? old, IDictionary<string, IOpenApiMediaType>? @new, Direction direction)
    {
        old ??= new Dictionary<string, IOpenApiMediaType>();
        @new ??= new Dictionary<string, IOpenApiMediaType>();
        foreach (var (mediaType, oldMedia) in old)
        {
            var where = $"{part} {mediaType}";
            if (@new.TryGetValue(mediaType, out var newMedia))
                SchemaDiff.Compare(changes, oldMedia.Schema, newMedia.Schema, operation, where, direction,
                    xml: mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase));
            else
                changes.Add(ChangeRules.Found(ChangeRules.MediaTypeRemoved, new ChangeLocation(operation, where), "media type removed"));
        }
        foreach (var mediaType in @new.Keys.Where(m => !old.ContainsKey(m)))
            changes.Add(ChangeRules.Found(ChangeRules.MediaTypeAdded, new ChangeLocation(operation, $"{part} {mediaType}"), "media type added"));
    }

    private static void SecuritySchemes(List<Change> changes, OpenApiDocument old, OpenApiDocument @new)
    {
        var oldSchemes = old.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>();
        var newSchemes = @new.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var name in oldSchemes.Keys.Where(k => !newSchemes.ContainsKey(k)))
            changes.Add(ChangeRules.Found(ChangeRules.SecuritySchemeRemoved, new ChangeLocation("components", "securitySchemes " + name), "security scheme removed"));
        foreach (var name in newSchemes.Keys.Where(k => !oldSchemes.ContainsKey(k)))
            changes.Add(ChangeRules.Found(ChangeRules.SecuritySchemeAdded, new ChangeLocation("components", "securitySchemes " + name), "security scheme added"));
    }

    private static string OperationName(HttpMethod method, string template, OpenApiOperation operation) =>
        $"{method.Method.ToUpperInvariant()} {template}" + (operation.OperationId is { } id ? $" ({id})" : "");

    private static string PathShape(string template) => PathParameter().Replace(template, "{}");

    /// <summary>New path parameter name -> old name, by position in the two templates.</summary>
    private static Dictionary<string, string> PathParameterNames(string oldTemplate, string newTemplate)
    {
        var oldNames = PathParameter().Matches(oldTemplate).Select(m => m.Value.Trim('{', '}')).ToList();
        var newNames = PathParameter().Matches(newTemplate).Select(m => m.Value.Trim('{', '}')).ToList();
        return newNames.Zip(oldNames).ToDictionary(p => p.First, p => p.Second);
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex PathParameter();
}
