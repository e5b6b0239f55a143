using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace TwoFactorContracts.Contract;

/// <summary>Who states a rule: the seed page, today's official document, or this project (a decision where both are silent).</summary>
public enum SourceKind { Seed, Document, Ours }

/// <summary>
/// Where one rule of the contract comes from, as its <c>x-source</c> says: <c>seed</c>, <c>document</c>, or
/// <c>ours: &lt;decision-id&gt;</c> (the decision's one-line reason is in <c>info.x-decisions</c>).
/// </summary>
public sealed record ContractSource(SourceKind Kind, string? Decision = null)
{
    public const string Extension = "x-source";

    public bool IsOurs => Kind == SourceKind.Ours;

    /// <summary>Reads <c>seed</c>, <c>document</c> or <c>ours: id</c>; null for anything else.</summary>
    public static ContractSource? Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (trimmed == "seed") return new ContractSource(SourceKind.Seed);
        if (trimmed == "document") return new ContractSource(SourceKind.Document);
        if (trimmed is not null && trimmed.StartsWith("ours:", StringComparison.Ordinal) && trimmed[5..].Trim() is { Length: > 0 } id)
            return new ContractSource(SourceKind.Ours, id);
        return null;
    }

    public override string ToString() => Kind switch
    {
        SourceKind.Seed => "seed",
        SourceKind.Document => "document",
        _ => $"ours: {Decision}",
    };
}

/// <summary>One of this project's decisions where the seed page and today's document are both silent (<c>info.x-decisions</c>).</summary>
public sealed record ContractDecision(string Id, string Reason);

/// <summary>
/// A place where today's document says otherwise than the seed (<c>x-document: {id, says}</c> beside a seed rule):
/// the contract keeps the seed's value; the <c>today</c> profile's entry of the same id accepts the document's.
/// </summary>
public sealed record DocumentAlternative(string Id, string Where, string Says);

/// <summary>
/// One rule-bearing place of the contract and its source (null: unmarked). <paramref name="What"/> is
/// <c>status</c>, <c>error example</c>, or a schema facet (<see cref="ContractProvenance.Facets"/>);
/// <paramref name="Text"/> is the <c>x-source</c> as written (a test names one that does not parse).
/// </summary>
public sealed record ContractMark(string Where, string What, ContractSource? Source, string? Text)
{
    public override string ToString() => $"{Where} [{What}]: {Source?.ToString() ?? (Text is null ? "unmarked" : $"unreadable x-source '{Text}'")}";
}

/// <summary>
/// The provenance of every rule of the contract, read once from the OpenAPI model: each documented status and error
/// example, and each schema facet (required, default, pattern, bounds, lengths, enum, int32, XML name, accepted XML roots) in the named
/// schemas, the operations' inline schemas and the parameters. A schema's <c>x-source</c> is either one source for
/// all its facets or a map from facet to source.
/// </summary>
public sealed class ContractProvenance
{
    public const string DecisionsExtension = "x-decisions";
    public const string DocumentExtension = "x-document";

    /// <summary>The schema facets that are rules a source states.</summary>
    public static readonly IReadOnlyList<string> Facets =
        ["required", "default", "pattern", "minimum", "maximum", "minLength", "maxLength", "enum", "int32", "xml", XmlAcceptedRootsExtension];

    /// <summary>
    /// A request schema's XML roots a server reads besides its <c>xml</c> name (a list of names): a rule of its own,
    /// marked under this key in the schema's <c>x-source</c> map.
    /// </summary>
    public const string XmlAcceptedRootsExtension = "x-xml-accepted-roots";

    private ContractProvenance(IReadOnlyDictionary<string, ContractDecision> decisions, IReadOnlyList<ContractMark> marks,
        IReadOnlyList<DocumentAlternative> alternatives)
    {
        Decisions = decisions;
        Marks = marks;
        Alternatives = alternatives;
    }

    /// <summary>This project's decisions by id.</summary>
    public IReadOnlyDictionary<string, ContractDecision> Decisions { get; }

    /// <summary>Every rule-bearing place, marked or not, in document order.</summary>
    public IReadOnlyList<ContractMark> Marks { get; }

    public IReadOnlyList<DocumentAlternative> Alternatives { get; }

    /// <summary>The decision of that id; throws naming the id when the contract has none (code naming a decision must match the contract).</summary>
    public ContractDecision Decision(string id) =>
        Decisions.TryGetValue(id, out var decision)
            ? decision
            : throw new KeyNotFoundException($"The contract's info.{DecisionsExtension} has no decision '{id}'.");

    /// <summary>The provenance of any contract already read into Microsoft.OpenApi's model (<c>tfc diff</c> compares two).</summary>
    public static ContractProvenance Of(OpenApiDocument document) => Read(document);

    internal static ContractProvenance Read(OpenApiDocument document)
    {
        var reader = new Reader();
        var decisions = new Dictionary<string, ContractDecision>();
        if (Extension(document.Info?.Extensions, DecisionsExtension) is JsonObject declared)
            foreach (var (id, reason) in declared)
                decisions[id] = new ContractDecision(id, Text(reason) ?? "");
        foreach (var (path, item) in document.Paths)
        foreach (var (method, operation) in item.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
        {
            var at = $"{method.Method.ToUpperInvariant()} {path}";
            reader.Alternative(operation.Extensions, at);
            foreach (var parameter in (item.Parameters ?? []).Concat(operation.Parameters ?? []))
                if (parameter.Schema is { } schema) reader.Schema(schema, $"{at} {parameter.In?.ToString().ToLowerInvariant()} {parameter.Name}");
            foreach (var (mediaType, media) in operation.RequestBody?.Content ?? new Dictionary<string, IOpenApiMediaType>())
                if (media.Schema is { } schema and not OpenApiSchemaReference) reader.Schema(schema, $"{at} request {mediaType}");
            foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
            {
                var where = $"{at} {status}";
                reader.Mark(where, "status", response.Extensions);
                foreach (var (mediaType, media) in response.Content ?? new Dictionary<string, IOpenApiMediaType>())
                {
                    if (media.Schema is { } schema and not OpenApiSchemaReference) reader.Schema(schema, $"{where} {mediaType}");
                    if (!status.StartsWith('4') && !status.StartsWith('5')) continue;
                    foreach (var (name, example) in media.Examples ?? new Dictionary<string, IOpenApiExample>())
                        reader.Mark($"{where} {name} ({mediaType})", "error example", example.Extensions);
                }
            }
        }
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            reader.Schema(schema, $"#/components/schemas/{name}");
        return new ContractProvenance(decisions, reader.Marks, reader.Alternatives);
    }

    /// <summary>The source of <paramref name="facet"/> on a schema (its own x-source, a map or one source for all), or null.</summary>
    internal static (ContractSource? Source, string? Text) SourceOf(IOpenApiSchema schema, string facet)
    {
        var node = Extension(schema.Extensions, ContractSource.Extension);
        var text = node is JsonObject map ? Text(map[facet]) : Text(node);
        return (ContractSource.Parse(text), text);
    }

    internal static JsonNode? Extension(IDictionary<string, IOpenApiExtension>? extensions, string name) =>
        extensions?.TryGetValue(name, out var extension) == true && extension is JsonNodeExtension json ? json.Node : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The facets a schema carries (the rules it states), each a name of <see cref="Facets"/>.</summary>
    internal static IEnumerable<string> FacetsOf(IOpenApiSchema schema)
    {
        if (schema.Required is { Count: > 0 }) yield return "required";
        if (schema.Default is not null) yield return "default";
        if (schema.Pattern is not null) yield return "pattern";
        if (schema.Minimum is not null || schema.ExclusiveMinimum is not null) yield return "minimum";
        if (schema.Maximum is not null || schema.ExclusiveMaximum is not null) yield return "maximum";
        if (schema.MinLength is > 0) yield return "minLength";
        if (schema.MaxLength is not null) yield return "maxLength";
        if (schema.Enum is { Count: > 0 }) yield return "enum";
        if (schema.Format == "int32") yield return "int32";
        if (schema.Xml?.Name is not null) yield return "xml";
        if (schema.Extensions?.ContainsKey(XmlAcceptedRootsExtension) == true) yield return XmlAcceptedRootsExtension;
    }

    private sealed class Reader
    {
        public List<ContractMark> Marks { get; } = [];

        public List<DocumentAlternative> Alternatives { get; } = [];

        public void Mark(string where, string what, IDictionary<string, IOpenApiExtension>? extensions)
        {
            var text = Text(Extension(extensions, ContractSource.Extension));
            Marks.Add(new ContractMark(where, what, ContractSource.Parse(text), text));
            Alternative(extensions, where);
        }

        public void Alternative(IDictionary<string, IOpenApiExtension>? extensions, string where)
        {
            if (Extension(extensions, DocumentExtension) is JsonObject alternative && Text(alternative["id"]) is { Length: > 0 } id)
                Alternatives.Add(new DocumentAlternative(id, where, Text(alternative["says"]) ?? ""));
        }

        /// <summary>An inline schema and its inline parts; a reference is walked where it is named (components).</summary>
        public void Schema(IOpenApiSchema schema, string where)
        {
            foreach (var facet in FacetsOf(schema))
            {
                var (source, text) = SourceOf(schema, facet);
                Marks.Add(new ContractMark(where, facet, source, text));
            }
            Alternative(schema.Extensions, where);
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                if (property is not OpenApiSchemaReference) Schema(property, $"{where}/properties/{name}");
            if (schema.Items is { } items and not OpenApiSchemaReference) Schema(items, $"{where}/items");
            foreach (var part in (schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
                if (part is not OpenApiSchemaReference) Schema(part, $"{where}/part");
        }
    }
}
