using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.Tool.Diff;

/// <summary>One difference between our contract and an official document, with what in our contract explains it.</summary>
/// <param name="Class"><c>marked: seed</c>, <c>marked: ours &lt;id&gt;</c>, <c>marked: not modelled</c> or <c>UNMARKED</c>.</param>
public sealed record GateDifference(string Document, Change Change, string Class)
{
    public const string Unmarked = "UNMARKED";
    public const string NotModelled = "marked: not modelled";

    public bool IsUnmarked => Class == Unmarked;
}

/// <summary>
/// <c>tfc diff --against-document</c>: our contract against today's official documents. The differences are
/// <see cref="ContractDiff"/>'s and <see cref="SchemaDiff"/>'s (the document as OLD, ours as NEW), kept to what the
/// gate judges; each is then classified by our contract's provenance at that place (<c>x-source</c>,
/// <c>x-document</c>, <c>info.x-not-modelled</c>). The walk from a change back to our schema is this class's own:
/// the diff walks two schemas side by side and keeps no pointer to them, only the field path it reports.
/// </summary>
public static partial class DocumentGate
{
    public const string NotModelledExtension = "x-not-modelled";

    /// <summary>The document's path parameters and ours (x-document <c>path-parameter-app-id</c>).</summary>
    private static readonly (string Theirs, string Ours)[] PathParameters = [("{appId}", "{applicationId}"), ("{msgId}", "{messageId}")];

    /// <summary>
    /// The rules the gate judges. Types (3.1's <c>null</c> type against 3.0's <c>nullable</c>), patterns, bounds, media
    /// types, security schemes and sources are left out: the gate is about what is there, required, defaulted,
    /// enumerated and named, not how each document spells a type.
    /// </summary>
    private static readonly HashSet<string> Judged =
    [
        ChangeRules.PathRemoved, ChangeRules.PathAdded, ChangeRules.OperationRemoved, ChangeRules.OperationAdded,
        ChangeRules.StatusRemoved, ChangeRules.StatusAdded,
        ChangeRules.ResponseFieldRemoved, ChangeRules.ResponseFieldAdded, ChangeRules.RequestFieldRemoved, ChangeRules.RequestFieldAdded,
        ChangeRules.RequestFieldRequired, ChangeRules.DefaultChanged, ChangeRules.XmlNameChanged,
        ChangeRules.RequestEnumNarrowed, ChangeRules.RequestEnumWidened,
    ];

    /// <summary>Every judged difference between <paramref name="ours"/> and each document, classified.</summary>
    public static IReadOnlyList<GateDifference> Compare(OpenApiDocument ours, IReadOnlyList<(string File, OpenApiDocument Document)> documents)
    {
        foreach (var (_, document) in documents) DefaultsFromDescriptions(document);
        var theirPaths = documents.SelectMany(d => d.Document.Paths.Keys).Select(OurPath).ToHashSet();
        var notModelled = NotModelledEntry.Of(ours);
        var result = new List<GateDifference>();
        foreach (var (file, document) in documents)
        {
            var changes = ContractDiff.Compare(document, ours).Where(c => Judged.Contains(c.Rule))
                .Select(c => c.Rule == ChangeRules.XmlNameChanged ? XmlNameDifference(document, c) : c).OfType<Change>()
                // ContractDiff reports a field newly required (old -> new); the other way round is ours -> document.
                .Concat(ContractDiff.Compare(ours, document).Where(c => c.Rule == ChangeRules.RequestFieldRequired)
                    .Select(c => c with { Detail = "required in the document, not in ours" }))
                .Select(c => c with { Location = c.Location with { Operation = OurName(ours, c.Location.Operation) } })
                // A path of ours the other document has is no difference of this one.
                .Where(c => c.Rule != ChangeRules.PathAdded || !theirPaths.Contains(c.Location.Operation));
            foreach (var change in changes)
                result.Add(new GateDifference(file, change,
                    notModelled.Any(e => e.Explains(change)) ? GateDifference.NotModelled : Classify(ours, change)));
        }
        return result;
    }

    /// <summary>"METHOD /path (operationId)" with our path parameters and, where we have the operation, our operationId.</summary>
    private static string OurName(OpenApiDocument ours, string operation)
    {
        var name = OurPath(operation);
        var words = name.Split(' ');
        return words.Length > 1 && Operation(ours, name, out _)?.OperationId is { } id ? $"{words[0]} {words[1]} ({id})" : name;
    }

    private static string OurPath(string text) => PathParameters.Aggregate(text, (t, p) => t.Replace(p.Theirs, p.Ours, StringComparison.Ordinal));

    /// <summary>
    /// The documents state some defaults in a description ("Field's default value is `true`.", "If not defined, it will
    /// default to English (`en`).") rather than in the schema: read them into the schema, so that the gate compares them.
    /// </summary>
    private static void DefaultsFromDescriptions(OpenApiDocument document)
    {
        static void Read(IOpenApiSchema? schema, string? description)
        {
            if (schema is not OpenApiSchema { Default: null } inline || DefaultInProse().Match(description ?? inline.Description ?? "") is not { Success: true } said) return;
            var value = said.Groups[1].Value;
            inline.Default = value is "true" or "false" || value.All(char.IsAsciiDigit) ? JsonNode.Parse(value) : JsonValue.Create(value);
        }
        foreach (var item in document.Paths.Values)
        foreach (var parameter in (item.Parameters ?? []).Concat((item.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>()).Values.SelectMany(o => o.Parameters ?? [])))
            Read(parameter.Schema, parameter.Description);
        foreach (var schema in (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>()).Values)
        foreach (var property in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Values)
            Read(property, null);
    }

    [GeneratedRegex(@"default(?: value is| to)[^`.]*`([^`]+)`", RegexOptions.IgnoreCase)]
    private static partial Regex DefaultInProse();

    /// <summary>
    /// The documents give no <c>xml</c> names: an element is named after its property, a root after its schema's
    /// component (less the document's hash prefix). Where the document names nothing (an inline root, an array's
    /// items) there is nothing to compare.
    /// </summary>
    private static Change? XmlNameDifference(OpenApiDocument document, Change change)
    {
        if (change.Location.Field is not "(body)") return change.Detail.StartsWith("XML name ''", StringComparison.Ordinal) ? null : change;
        var root = RootSchema(document, change);
        if (root?.Xml?.Name is not null) return change;
        // A root that is a reference, or only wraps one (allOf: [$ref]), is named after that component.
        var named = root as OpenApiSchemaReference ?? (root?.AllOf is [OpenApiSchemaReference only] ? only : null);
        if (named?.Reference.Id?.Split('.')[^1] is not { } component || change.Detail.EndsWith($"-> '{component}'", StringComparison.Ordinal)) return null;
        return change with { Detail = change.Detail.Replace("XML name ''", $"XML name '{component}'", StringComparison.Ordinal) };
    }

    /// <summary>Our rule's source at the change's place: seed (or an x-document beside it), ours, or nothing that explains it.</summary>
    private static string Classify(OpenApiDocument ours, Change change)
    {
        var source = SourceAt(ours, change);
        return source?.Kind switch
        {
            SourceKind.Seed => "marked: seed",
            SourceKind.Ours => $"marked: ours {source.Decision}",
            _ => GateDifference.Unmarked,
        };
    }

    private static OpenApiOperation? Operation(OpenApiDocument document, string location, out IOpenApiPathItem? item)
    {
        item = null;
        var words = location.Split(' ');
        if (words.Length < 2 || !document.Paths.TryGetValue(words[1], out item)) return null;
        return item.Operations?.FirstOrDefault(o => o.Key.Method.Equals(words[0], StringComparison.OrdinalIgnoreCase)).Value;
    }

    private static IOpenApiSchema? RootSchema(OpenApiDocument document, Change change)
    {
        var operation = Operation(document, change.Location.Operation, out _);
        var part = change.Location.Part.Split(' ');
        return part switch
        {
            ["response", var status, var media] when operation?.Responses?.TryGetValue(status, out var response) == true =>
                response.Content?.TryGetValue(media, out var m) == true ? m.Schema : null,
            ["request", var media] => operation?.RequestBody?.Content?.TryGetValue(media, out var m) == true ? m.Schema : null,
            _ => null,
        };
    }

    private static ContractSource? SourceAt(OpenApiDocument ours, Change change)
    {
        if (Operation(ours, change.Location.Operation, out var item) is not { } operation) return null;
        var part = change.Location.Part.Split(' ');
        switch (part)
        {
            case ["response", var status] when operation.Responses?.TryGetValue(status, out var response) == true:
                return Source(response.Extensions);
            case ["request"]:
                return operation.RequestBody is { } body ? Source(body.Extensions) : null;
            case ["parameter", var @in, var name]:
                var parameter = (item?.Parameters ?? []).Concat(operation.Parameters ?? [])
                    .LastOrDefault(p => p.Name == name && p.In?.ToString().Equals(@in, StringComparison.OrdinalIgnoreCase) == true);
                if (parameter?.Schema is not { } schema) return null;
                return change.Rule == ChangeRules.DefaultChanged ? SchemaSource(schema, "default")
                    : change.Rule is ChangeRules.RequestEnumNarrowed or ChangeRules.RequestEnumWidened ? SchemaSource(schema, "enum")
                    : Source(parameter.Extensions);
            default:
                return RootSchema(ours, change) is { } root ? FieldSource(root, change) : null;
        }
    }

    /// <summary>
    /// Walks the field path ("configuration.pinAttempts", "[].name") through properties, items and allOf parts; the
    /// source is the rule's (<c>required</c> on the object that lists the field, default, enum or xml on the field),
    /// or, for a field only one side has, the nearest schema's <c>x-document</c> or the field's own source.
    /// </summary>
    private static ContractSource? FieldSource(IOpenApiSchema root, Change change)
    {
        var field = change.Location.Field is "(body)" ? "" : change.Location.Field;
        var steps = field.Replace("[]", ".[]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var path = new List<IOpenApiSchema> { root };
        foreach (var step in steps)
        {
            var next = step == "[]" ? Parts(path[^1]).Select(p => p.Items).FirstOrDefault(i => i is not null)
                : Parts(path[^1]).Select(p => p.Properties is { } ps && ps.TryGetValue(step, out var s) ? s : null).FirstOrDefault(s => s is not null);
            if (next is null) break;
            path.Add(next);
        }
        var found = path.Count == steps.Length + 1;
        var here = path[^1];
        switch (change.Rule)
        {
            case ChangeRules.RequestFieldRequired when found && path.Count > 1:
                var name = steps[^1];
                var parent = path[^2];
                var lister = Parts(parent).FirstOrDefault(p => p.Required?.Contains(name) == true)
                    ?? Parts(parent).FirstOrDefault(p => p.Properties?.ContainsKey(name) == true) ?? parent;
                return SchemaSource(lister, "required");
            case ChangeRules.DefaultChanged when found:
                return SchemaSource(Parts(here).FirstOrDefault(p => p.Default is not null) ?? here, "default");
            case ChangeRules.XmlNameChanged when found:
                return SchemaSource(here, "xml");
            case ChangeRules.RequestEnumNarrowed or ChangeRules.RequestEnumWidened when found:
                return SchemaSource(Parts(here).FirstOrDefault(p => p.Enum is { Count: > 0 }) ?? here, "enum");
            default:
                // A field only one side has: the nearest schema of ours that says why (x-document: the seed's; or the field's own source).
                for (var i = path.Count - 1; i >= 0; i--)
                {
                    if (HasAlternative(path[i])) return new ContractSource(SourceKind.Seed);
                    if (found && i == path.Count - 1 && AnySource(path[i]) is { Kind: not SourceKind.Document } own) return own;
                }
                return null;
        }
    }

    /// <summary>A schema and its allOf parts, references followed.</summary>
    private static IEnumerable<IOpenApiSchema> Parts(IOpenApiSchema schema) =>
        new[] { schema }.Concat((schema.AllOf ?? []).SelectMany(Parts));

    private static ContractSource? SchemaSource(IOpenApiSchema schema, string facet)
    {
        if (HasAlternative(schema)) return new ContractSource(SourceKind.Seed);
        var node = Extension(schema.Extensions, ContractSource.Extension);
        return ContractSource.Parse(Text(node is JsonObject map ? map[facet] : node));
    }

    private static ContractSource? AnySource(IOpenApiSchema schema)
    {
        var node = Extension(schema.Extensions, ContractSource.Extension);
        return node is JsonObject map
            ? map.Select(f => ContractSource.Parse(Text(f.Value))).FirstOrDefault(s => s is { Kind: not SourceKind.Document })
            : ContractSource.Parse(Text(node));
    }

    private static bool HasAlternative(IOpenApiSchema schema) => Extension(schema.Extensions, ContractProvenance.DocumentExtension) is JsonObject;

    private static ContractSource? Source(IDictionary<string, IOpenApiExtension>? extensions) =>
        Extension(extensions, ContractProvenance.DocumentExtension) is JsonObject
            ? new ContractSource(SourceKind.Seed)
            : ContractSource.Parse(Text(Extension(extensions, ContractSource.Extension)));

    private static JsonNode? Extension(IDictionary<string, IOpenApiExtension>? extensions, string name) =>
        extensions?.TryGetValue(name, out var extension) == true && extension is JsonNodeExtension json ? json.Node : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// One entry of <c>info.x-not-modelled</c>: what the contract deliberately leaves out of the official documents.
    /// It explains a difference when each list it gives matches (a list matches when one of its items does):
    /// <c>paths</c> the path (our parameter names), <c>fields</c> a name on the field path, <c>statuses</c> the
    /// response status, <c>rules</c> the difference's rule.
    /// </summary>
    private sealed record NotModelledEntry(string What, string[]? Paths, string[]? Fields, string[]? Statuses, string[]? Rules)
    {
        public static IReadOnlyList<NotModelledEntry> Of(OpenApiDocument ours)
        {
            static string[]? List(JsonObject entry, string key) =>
                entry[key] is JsonArray items ? [.. items.Select(Text).OfType<string>()] : null;
            return [.. (Extension(ours.Info?.Extensions, NotModelledExtension) as JsonArray ?? []).OfType<JsonObject>()
                .Select(e => new NotModelledEntry(Text(e["what"]) ?? "", List(e, "paths"), List(e, "fields"), List(e, "statuses"), List(e, "rules")))];
        }

        public bool Explains(Change change)
        {
            var words = change.Location.Operation.Split(' ');
            var path = words.Length > 1 && !words[0].StartsWith('/') ? words[1] : words[0];
            var part = change.Location.Part.Split(' ');
            var status = part is ["response", var s, ..] ? s : null;
            var fields = change.Location.Field.Replace("[]", "", StringComparison.Ordinal).Split('.');
            return (Paths is null || Paths.Contains(path))
                && (Fields is null || fields.Any(Fields.Contains))
                && (Statuses is null || (status is not null && Statuses.Contains(status)))
                && (Rules is null || Rules.Contains(change.Rule));
        }
    }
}
