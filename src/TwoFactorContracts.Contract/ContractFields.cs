using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace TwoFactorContracts.Contract;

/// <summary>
/// What a field holds. Time and Limit are strings in the API's time and limit formats, marked in the contract
/// with <c>format: api-time</c> and <c>format: api-limit</c>; Int64 an <c>int64</c> integer (an email template's id);
/// Object is a group of fields (configuration, or a template's <c>regional</c> and the <c>indiaDlt</c> group inside it);
/// Number a decimal number (speechRate); Map an object of string values named by the client (placeholders).
/// </summary>
public enum FieldKind { String, Boolean, Int32, Time, Limit, Object, Number, Map, Int64 }

/// <summary>
/// One field of an application as the contract describes it. <see cref="Path"/> reads like
/// <c>configuration.pinAttempts</c> or <c>regional.indiaDlt.principalEntityId</c>; <see cref="Parent"/> is the path of
/// the group it sits in (<c>regional.indiaDlt</c>). <see cref="Required"/> is within its group: a required field of a
/// group is required when the group is sent. <see cref="MinLength"/> and <see cref="MaxLength"/> bound a string's length.
/// </summary>
public sealed record ContractField(
    string Path,
    string JsonName,
    string XmlName,
    FieldKind Kind,
    string? Parent,
    bool InRequest,
    bool InResponse,
    bool Required,
    bool Nullable,
    string? Default,
    string? Pattern,
    long? Minimum,
    long? Maximum,
    int ResponseOrder,
    IReadOnlyList<string>? Enum = null,
    decimal? ExactMinimum = null,
    decimal? ExactMaximum = null,
    string? PatternText = null,
    int? MinLength = null,
    int? MaxLength = null);

/// <summary>
/// Every field of the application model, read from the contract once: among the application operations (tag
/// <see cref="ContractDocument.ApplicationsTag"/>), the request body of the first operation that takes one and
/// the object answered by the first single-application response. Request
/// fields come first, in the contract's order (the order violations are reported in), then the fields only
/// a response carries. <see cref="IdField"/> is the response field named like a path parameter.
/// </summary>
/// <remarks>
/// <see cref="ForOperations"/> reads the same model for any other resource of the contract (a message template,
/// a send request); <see cref="IdField"/> is then null when the resource has no id of its own.
/// </remarks>
public sealed record ContractFields(IReadOnlyList<ContractField> All, string? IdField)
{
    public const string TimeFormat = "api-time";
    public const string LimitFormat = "api-limit";

    /// <summary>A string property's extension naming the text of a pattern violation (else <c>must match "pattern"</c>).</summary>
    public const string PatternMessageExtension = "x-pattern-message";

    public ContractField this[string path] =>
        All.FirstOrDefault(f => f.Path == path) ?? throw new KeyNotFoundException($"The contract has no field '{path}'.");

    /// <summary>
    /// These fields with <paramref name="other"/>'s request fields taken as request fields too: a field this model only
    /// answers (an email template's <c>emailTemplateId</c> in the template answer) is stored like one a request sets, and
    /// one it lacks is added. Request fields first, then those only a response carries, as <see cref="ForOperations"/> orders them.
    /// </summary>
    public ContractFields WithRequestFieldsOf(ContractFields other)
    {
        var taken = other.All.Where(f => f.InRequest).ToDictionary(f => f.Path);
        var all = All.Select(f => !f.InRequest && taken.ContainsKey(f.Path) ? f with { InRequest = true } : f).ToList();
        all.AddRange(taken.Values.Where(f => all.All(a => a.Path != f.Path)).Select(f => f with { InResponse = false, ResponseOrder = -1 }));
        return this with { All = [.. all.Where(f => f.InRequest), .. all.Where(f => !f.InRequest)] };
    }

    internal static ContractFields Read(OpenApiDocument document)
    {
        var operations = document.Paths.SelectMany(p => (p.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
            .Where(o => o.Value.Tags?.Any(t => ContractDocument.IsApplicationsTag(t.Name)) == true)
            .Select(o => (Path: p.Value, Operation: o.Value))).ToList();
        var request = operations.Select(o => (o.Operation.RequestBody?.Content is { } c && c.TryGetValue("application/json", out var m) ? m.Schema : null))
            .FirstOrDefault(s => s is not null) ?? throw new InvalidDataException("No operation of the contract takes a JSON body.");
        var response = operations.SelectMany(o => o.Operation.Responses ?? new OpenApiResponses())
            .Where(r => r.Key.StartsWith('2'))
            .Select(r => r.Value.Content is { } c && c.TryGetValue("application/json", out var m) ? m.Schema : null)
            .FirstOrDefault(s => s is not null && PropertiesOf(s).Count > 0) ?? throw new InvalidDataException("No operation of the contract answers one object.");
        var pathParameters = operations.SelectMany(o => (o.Path.Parameters ?? []).Concat(o.Operation.Parameters ?? []))
            .Where(p => p.In == ParameterLocation.Path).Select(p => p.Name).ToHashSet();

        return FromSchemas(request, response, pathParameters.Contains, null);
    }

    /// <summary>
    /// The fields of another resource: the JSON request body of <paramref name="bodyOperationId"/> (none when null or
    /// it takes none) and the 2xx JSON answer of <paramref name="itemOperationId"/> (an array answer: its items).
    /// The id is the response field named like the item path's last parameter or, when none is, the one
    /// response-only string field ending in <c>Id</c> that is named like no path parameter of the contract
    /// (the path's <c>{msgId}</c> names <c>messageId</c>; <c>applicationId</c> names the parent).
    /// </summary>
    public static ContractFields ForOperations(OpenApiDocument document, string? bodyOperationId, string? itemOperationId)
    {
        var operations = document.Paths.SelectMany(p => (p.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
            .Select(o => (Template: p.Key, Path: p.Value, Operation: o.Value))).ToList();
        (string Template, IOpenApiPathItem Path, OpenApiOperation Operation) Find(string id) =>
            operations.FirstOrDefault(o => o.Operation.OperationId == id) is { Operation: not null } found
                ? found
                : throw new InvalidDataException($"The contract has no operation '{id}'.");
        var request = bodyOperationId is null ? null
            : Find(bodyOperationId).Operation.RequestBody?.Content is { } c && c.TryGetValue("application/json", out var m) ? m.Schema : null;
        IOpenApiSchema? response = null;
        var lastParameter = (string?)null;
        if (itemOperationId is not null)
        {
            var item = Find(itemOperationId);
            response = (item.Operation.Responses ?? new OpenApiResponses()).Where(r => r.Key.StartsWith('2'))
                .Select(r => r.Value.Content is { } rc && rc.TryGetValue("application/json", out var rm) ? rm.Schema : null)
                .FirstOrDefault(s => s is not null);
            if (response?.Items is { } items && PropertiesOf(response).Count == 0) response = items;
            var segments = item.Template.Split('/');
            lastParameter = segments.LastOrDefault(s => s.StartsWith('{'))?.Trim('{', '}');
        }
        var pathParameters = operations.SelectMany(o => (o.Path.Parameters ?? []).Concat(o.Operation.Parameters ?? []))
            .Where(p => p.In == ParameterLocation.Path).Select(p => p.Name).ToHashSet();
        return FromSchemas(request, response, name => name == lastParameter,
            fields => fields.Where(f => !f.InRequest && f.Parent is null && f.Kind == FieldKind.String
                                        && f.JsonName.EndsWith("Id", StringComparison.Ordinal) && !pathParameters.Contains(f.JsonName)).ToList() is [var only]
                ? only : null);
    }

    private static ContractFields FromSchemas(IOpenApiSchema? request, IOpenApiSchema? response, Func<string, bool> namedLikeId,
        Func<List<ContractField>, ContractField?>? fallbackId)
    {
        var fields = new List<ContractField>();
        var responseOrder = (response is null ? [] : Flatten(response, null)).Select((f, i) => (f.Path, i)).ToDictionary(p => p.Path, p => p.i);
        if (request is not null)
            foreach (var (path, name, parent, schema, required) in Flatten(request, null))
                fields.Add(Field(path, name, parent, schema, inRequest: true, required, responseOrder.GetValueOrDefault(path, -1)));
        if (response is null) return new ContractFields(fields, null);
        foreach (var (path, name, parent, schema, required) in Flatten(response, null))
            if (fields.All(f => f.Path != path))
                fields.Add(Field(path, name, parent, schema, inRequest: false, required, responseOrder[path]));
        var id = fields.FirstOrDefault(f => !f.InRequest && f.Parent is null && namedLikeId(f.JsonName))
                 ?? fallbackId?.Invoke(fields)
                 ?? throw new InvalidDataException("No response field is named like a path parameter (the resource's id).");
        return new ContractFields(fields, id.Path);
    }

    /// <summary>Every property, a group's after it; <c>parent</c> is the group's path (null at the top).</summary>
    private static IEnumerable<(string Path, string Name, string? Parent, IOpenApiSchema Schema, bool Required)> Flatten(IOpenApiSchema schema, string? parent)
    {
        foreach (var (name, property) in PropertiesOf(schema))
        {
            var path = parent is null ? name : $"{parent}.{name}";
            yield return (path, name, parent, property, IsRequired(schema, name));
            // A group's fields follow it, at any depth (regional.indiaDlt.contentTemplateId); a map has no properties.
            if (PropertiesOf(property).Count > 0)
                foreach (var child in Flatten(property, path)) yield return child;
        }
    }

    /// <summary>Whether a schema or one of its allOf parts requires the property (a nullable group's rules sit in the part it refers to).</summary>
    private static bool IsRequired(IOpenApiSchema schema, string name) =>
        schema.Required?.Contains(name) == true || (schema.AllOf ?? []).Any(part => IsRequired(part, name));

    /// <summary>A schema's properties, with those of its allOf parts (a nullable $ref is written as allOf in OpenAPI 3.0).</summary>
    internal static IReadOnlyDictionary<string, IOpenApiSchema> PropertiesOf(IOpenApiSchema schema)
    {
        var all = new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>()) all[name] = property;
        foreach (var part in schema.AllOf ?? [])
            foreach (var (name, property) in PropertiesOf(part)) all.TryAdd(name, property);
        return all;
    }

    private static ContractField Field(string path, string name, string? parent, IOpenApiSchema schema, bool inRequest, bool required, int responseOrder)
    {
        var type = schema.Type ?? 0;
        var format = Facet(schema, s => s.Format);
        var kind = (type & ~JsonSchemaType.Null) switch
        {
            JsonSchemaType.Object when PropertiesOf(schema).Count == 0 && schema.AdditionalProperties is not null => FieldKind.Map,
            JsonSchemaType.Object => FieldKind.Object,
            JsonSchemaType.Number => FieldKind.Number,
            JsonSchemaType.Boolean => FieldKind.Boolean,
            JsonSchemaType.Integer when format is "int32" => FieldKind.Int32,
            JsonSchemaType.Integer when format is "int64" => FieldKind.Int64,
            JsonSchemaType.String when format == TimeFormat => FieldKind.Time,
            JsonSchemaType.String when format == LimitFormat => FieldKind.Limit,
            JsonSchemaType.String => FieldKind.String,
            _ when PropertiesOf(schema).Count > 0 => FieldKind.Object,
            _ => throw new InvalidDataException(
                $"{path}: the field model knows strings, numbers, booleans, int32 and int64 integers, api-time and api-limit strings, objects and maps of strings, not {type} {format}."),
        };
        var minimum = Facet(schema, s => s.Minimum);
        var maximum = Facet(schema, s => s.Maximum);
        return new ContractField(path, name, schema.Xml?.Name ?? name, kind, parent, inRequest, responseOrder >= 0, required,
            Nullable: (type & JsonSchemaType.Null) != 0,
            Default: Facet(schema, s => s.Default) is JsonValue value ? ScalarText(value) : null,
            Facet(schema, s => s.Pattern),
            Number(minimum), Number(maximum), responseOrder,
            Enum: Facet(schema, s => s.Enum is { Count: > 0 } e ? e : null) is { } values
                ? values.Select(v => v is JsonValue text ? ScalarText(text) : v?.ToJsonString() ?? "").ToList()
                : null,
            ExactMinimum: Exact(minimum), ExactMaximum: Exact(maximum),
            PatternText: Facet(schema, s => s.Extensions?.TryGetValue(PatternMessageExtension, out var extension) == true
                                            && extension is JsonNodeExtension { Node: JsonValue text } ? text.GetValue<string>() : null),
            MinLength: Facet(schema, s => s.MinLength), MaxLength: Facet(schema, s => s.MaxLength));
    }

    /// <summary>
    /// A facet of a field's schema, or of the schema it refers to through allOf: a nullable field written as
    /// <c>type, nullable, allOf: [$ref]</c> (OpenAPI 3.0) keeps its enum and default in the referenced schema.
    /// </summary>
    private static T? Facet<T>(IOpenApiSchema schema, Func<IOpenApiSchema, T?> read)
    {
        if (read(schema) is { } own) return own;
        foreach (var part in schema.AllOf ?? [])
            if (Facet(part, read) is { } found) return found;
        return default;
    }

    private static string ScalarText(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? text
        : value.TryGetValue<bool>(out var flag) ? (flag ? "true" : "false")
        : value.ToJsonString();

    private static decimal? Exact(object? bound) =>
        decimal.TryParse(Convert.ToString(bound, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static long? Number(object? bound) =>
        decimal.TryParse(Convert.ToString(bound, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? (long)decimal.Truncate(n)
            : null;
}
