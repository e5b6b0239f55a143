using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace TwoFactorContracts.Contract;

/// <summary>
/// The contract's schemas in NJsonSchema's model (what validates bodies and what the suite walks), built from the
/// Microsoft.OpenApi model the contract was read into, so the YAML is parsed once. It maps what an OpenAPI 3.0 body
/// schema says the way NSwag's reader did: <c>nullable</c> is <see cref="JsonSchema.IsNullableRaw"/> (OpenAPI 3.0
/// semantics, not a <c>null</c> type), a <c>$ref</c> is a reference to its component, which is mapped once and
/// shared (so a schema that refers to itself ends), <c>xml</c>, defaults, enums, bounds and <c>x-</c> extensions
/// carried over. Discriminators, <c>patternProperties</c> and 3.1-only keywords are not mapped: the contract is 3.0.
/// </summary>
internal sealed class ContractJsonSchemas
{
    private readonly Dictionary<string, JsonSchema> _components = [];
    private readonly Lock _lock = new();

    /// <summary>The NJsonSchema form of <paramref name="schema"/>; a <c>$ref</c> comes back as a reference (use <see cref="JsonSchema.ActualSchema"/>).</summary>
    public JsonSchema From(IOpenApiSchema schema)
    {
        lock (_lock) return Map<JsonSchema>(schema);
    }

    private T Map<T>(IOpenApiSchema schema) where T : JsonSchema, new() =>
        schema is OpenApiSchemaReference reference
            ? new T { Reference = Component(reference) }
            : Fill(new T(), schema);

    private JsonSchema Component(OpenApiSchemaReference reference)
    {
        var id = reference.Reference.Id ?? throw new InvalidDataException("The contract has a schema $ref without a target.");
        if (_components.TryGetValue(id, out var known)) return known;
        var target = reference.Target ?? throw new InvalidDataException($"The contract refers to schema '{id}', which it does not define.");
        var component = new JsonSchema();
        _components[id] = component; // before filling it, so a reference back to it finds it
        Fill(component, target);
        return component;
    }

    private T Fill<T>(T target, IOpenApiSchema source) where T : JsonSchema
    {
        var type = source.Type ?? 0;
        target.Type = TypeOf(type & ~JsonSchemaType.Null);
        if (type.HasFlag(JsonSchemaType.Null)) target.IsNullableRaw = true;
        target.Format = source.Format;
        target.Title = source.Title;
        target.Description = source.Description;
        target.Default = Value(source.Default);
#pragma warning disable CS0618 // Example is 3.0's single example (Examples is 3.1's list); the contract is 3.0
        target.Example = Value(source.Example);
#pragma warning restore CS0618
        target.IsDeprecated = source.Deprecated;
        foreach (var value in source.Enum ?? []) target.Enumeration.Add(Value(value));

        target.Pattern = source.Pattern;
        target.MinLength = source.MinLength;
        target.MaxLength = source.MaxLength;
        // Microsoft.OpenApi gives an exclusive bound as ExclusiveMinimum alone; OpenAPI 3.0 says minimum + exclusiveMinimum: true.
        (target.Minimum, target.IsExclusiveMinimum) = Bound(source.Minimum, source.ExclusiveMinimum);
        (target.Maximum, target.IsExclusiveMaximum) = Bound(source.Maximum, source.ExclusiveMaximum);
        target.MultipleOf = source.MultipleOf;
        target.MinItems = source.MinItems ?? 0;
        target.MaxItems = source.MaxItems ?? 0;
        target.UniqueItems = source.UniqueItems ?? false;
        target.MinProperties = source.MinProperties ?? 0;
        target.MaxProperties = source.MaxProperties ?? 0;

        foreach (var (name, property) in source.Properties ?? new Dictionary<string, IOpenApiSchema>())
            target.Properties[name] = Property(property);
        foreach (var name in source.Required ?? new HashSet<string>()) target.RequiredProperties.Add(name);
        target.AllowAdditionalProperties = source.AdditionalPropertiesAllowed;
        if (source.AdditionalProperties is { } additional) target.AdditionalPropertiesSchema = Map<JsonSchema>(additional);
        if (source.Items is { } items) target.Item = Map<JsonSchema>(items);
        foreach (var part in source.AllOf ?? []) target.AllOf.Add(Map<JsonSchema>(part));
        foreach (var part in source.OneOf ?? []) target.OneOf.Add(Map<JsonSchema>(part));
        foreach (var part in source.AnyOf ?? []) target.AnyOf.Add(Map<JsonSchema>(part));
        if (source.Not is { } not) target.Not = Map<JsonSchema>(not);

        if (source.Xml is { } xml) target.Xml = Xml(xml);
        if (source.Extensions is { Count: > 0 } extensions)
            target.ExtensionData = extensions.ToDictionary(e => e.Key, e => e.Value is JsonNodeExtension json ? ExtensionValue(json.Node) : null);
        return target;
    }

    private JsonSchemaProperty Property(IOpenApiSchema schema)
    {
        var property = Map<JsonSchemaProperty>(schema);
        if (schema is not OpenApiSchemaReference)
        {
            property.IsReadOnly = schema.ReadOnly;
            property.IsWriteOnly = schema.WriteOnly;
        }
        return property;
    }

    private static JsonObjectType TypeOf(JsonSchemaType type) =>
        (type.HasFlag(JsonSchemaType.Boolean) ? JsonObjectType.Boolean : 0)
        | (type.HasFlag(JsonSchemaType.Integer) ? JsonObjectType.Integer : 0)
        | (type.HasFlag(JsonSchemaType.Number) ? JsonObjectType.Number : 0)
        | (type.HasFlag(JsonSchemaType.String) ? JsonObjectType.String : 0)
        | (type.HasFlag(JsonSchemaType.Object) ? JsonObjectType.Object : 0)
        | (type.HasFlag(JsonSchemaType.Array) ? JsonObjectType.Array : 0);

    private static (decimal? Bound, bool Exclusive) Bound(string? inclusive, string? exclusive) =>
        exclusive is not null ? (Number(exclusive), true) : (inclusive is null ? null : Number(inclusive), false);

    private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// A JSON value as NJsonSchema holds one (Newtonsoft's reading of an <c>object</c>): a scalar as its .NET value
    /// (long, double, string, bool), an object or array as a JToken. Strings stay strings (no date parsing).
    /// </summary>
    private static object? Value(JsonNode? node)
    {
        if (node is null) return null;
        using var reader = new JsonTextReader(new StringReader(node.ToJsonString())) { DateParseHandling = DateParseHandling.None };
        var token = JToken.ReadFrom(reader);
        return token is JValue scalar ? scalar.Value : token;
    }

    /// <summary>
    /// An extension's value as NJsonSchema reads one: a scalar, a map (x-source's facet map) as a dictionary, a list
    /// (x-xml-accepted-roots) as an array.
    /// </summary>
    private static object? ExtensionValue(JsonNode? node) => Value(node) switch
    {
        JObject map => map.ToObject<Dictionary<string, object?>>(),
        JArray list => list.ToObject<object?[]>(),
        var value => value,
    };

    private static JsonXmlObject Xml(OpenApiXml xml)
    {
        // JsonXmlObject's setters are internal to NJsonSchema: it is made the way NJsonSchema reads one, from JSON.
        var json = new JObject();
        if (xml.Name is { } name) json["name"] = name;
        if (xml.Namespace is { } ns) json["namespace"] = ns.ToString();
        if (xml.Prefix is { } prefix) json["prefix"] = prefix;
        // Microsoft.OpenApi reads 3.0's attribute: true and wrapped: true as the node types Attribute and Element (3.2's words).
        if (xml.NodeType == OpenApiXmlNodeType.Attribute) json["attribute"] = true;
        if (xml.NodeType == OpenApiXmlNodeType.Element) json["wrapped"] = true;
        return json.ToObject<JsonXmlObject>()!;
    }
}
