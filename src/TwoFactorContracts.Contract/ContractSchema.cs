using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace TwoFactorContracts.Contract;

/// <summary>
/// A body schema of the contract in one media type. JSON is validated as is; XML is first read into JSON
/// through the contract's <c>xml</c> names and the schema's types, then validated against the same schema.
/// </summary>
public sealed class ContractSchema
{
    private readonly JsonSchema _schema;
    private readonly IReadOnlyList<string> _rootNames;

    internal ContractSchema(JsonSchema schema, BodyFormat format, IReadOnlyList<string>? rootNames)
    {
        _schema = schema;
        Format = format;
        _rootNames = rootNames ?? [schema.Xml?.Name ?? "root"];
    }

    public BodyFormat Format { get; }

    /// <summary>The schema itself (references resolved), for tools that walk its constraints, e.g. to derive invalid requests.</summary>
    public JsonSchema Schema => _schema;

    /// <summary>The XML root element names this schema accepts (the first is the one the contract writes).</summary>
    public IReadOnlyList<string> XmlRootNames => _rootNames;

    /// <summary>Every way the body breaks the schema; empty when it conforms.</summary>
    public IReadOnlyList<string> Validate(string body) => Validate(body, Format);

    public IReadOnlyList<string> Validate(string body, BodyFormat format)
    {
        var problems = new List<string>();
        string json;
        if (format == BodyFormat.Xml)
        {
            var node = XmlToJson(body, problems);
            if (node is null) return problems;
            json = node.ToJsonString();
        }
        else
        {
            try
            {
                // Duplicate names are refused here: JsonNode takes them and throws on the first read of the object.
                var parsed = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
                DropNullsWhereNullable(parsed, _schema);
                // The validator reads what was parsed here, so both agree on what the body is.
                json = parsed?.ToJsonString() ?? "null";
            }
            catch (JsonException e) { return [$"body is not JSON: {e.Message}"]; }
            catch (InvalidOperationException e) { return [$"body is not JSON: {e.Message}"]; } // e.g. an unpaired surrogate escape
        }
        try
        {
            foreach (var error in _schema.Validate(json))
                Flatten(error, problems);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The validator on a body no schema foresaw (e.g. an integer beyond 64 bits throws InvalidCastException):
            // a failure to report, not a reason to stop.
            problems.Add($"body could not be validated: {e.GetType().Name}: {e.Message}");
        }
        return problems;
    }

    /// <summary>
    /// OpenAPI 3.0's <c>nullable</c> on a <c>$ref</c> is written as <c>allOf</c>, which NJsonSchema's validator
    /// reads as the bare reference. A null where the contract says nullable is "left out", so it is dropped
    /// before validation. True when something was dropped.
    /// </summary>
    private static bool DropNullsWhereNullable(JsonNode? node, JsonSchema schema)
    {
        var dropped = false;
        schema = schema.ActualSchema;
        if (node is JsonObject obj)
        {
            foreach (var (name, property) in Properties(schema))
            {
                if (!obj.TryGetPropertyValue(name, out var value)) continue;
                if (value is null && property.IsNullableRaw == true) dropped |= obj.Remove(name);
                else dropped |= DropNullsWhereNullable(value, property);
            }
        }
        else if (node is JsonArray array && schema.Item is { } item)
        {
            foreach (var element in array) dropped |= DropNullsWhereNullable(element, item);
        }
        return dropped;
    }

    /// <summary>Reads XML into JSON by the contract's xml names; throws <see cref="FormatException"/> when it cannot.</summary>
    public JsonNode XmlToJson(string xml)
    {
        var problems = new List<string>();
        var node = XmlToJson(xml, problems);
        return node is not null && problems.Count == 0
            ? node
            : throw new FormatException(string.Join("; ", problems));
    }

    private JsonNode? XmlToJson(string xml, List<string> problems)
    {
        XElement root;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            // Deep nesting costs the XML reader time quadratic in the depth: refuse it before loading.
            using (var scan = XmlReader.Create(new StringReader(xml), settings))
                while (scan.Read())
                    if (scan.Depth > MaxXmlDepth)
                        throw new XmlException($"elements are nested deeper than the maximum depth of {MaxXmlDepth}");
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            root = XElement.Load(reader);
        }
        catch (XmlException e)
        {
            problems.Add($"body is not well-formed XML: {e.Message}");
            return null;
        }
        if (!_rootNames.Contains(root.Name.LocalName))
            problems.Add($"root element is <{root.Name.LocalName}>, expected <{string.Join("> or <", _rootNames)}>");
        return Convert(root, _schema, "", problems);
    }

    /// <summary>The deepest XML the reader takes (JSON bodies are bounded the same by System.Text.Json's default).</summary>
    private const int MaxXmlDepth = 64;

    private static JsonNode? Convert(XElement element, JsonSchema schema, string path, List<string> problems)
    {
        schema = schema.ActualSchema;
        var type = EffectiveType(schema);
        if (type.HasFlag(JsonObjectType.Array))
        {
            var item = schema.Item?.ActualSchema ?? new JsonSchema();
            var itemName = ItemXmlName(schema);
            var array = new JsonArray();
            var index = 0;
            foreach (var child in element.Elements())
            {
                if (child.Name.LocalName != itemName)
                    problems.Add($"{path}: element <{child.Name.LocalName}>, expected <{itemName}>");
                array.Add(Convert(child, item, $"{path}[{index++}]", problems));
            }
            return array;
        }
        if (type.HasFlag(JsonObjectType.Object) || Properties(schema).Count > 0)
        {
            var properties = Properties(schema);
            var additional = schema.AdditionalPropertiesSchema?.ActualSchema;
            var obj = new JsonObject();
            foreach (var child in element.Elements())
            {
                var name = child.Name.LocalName;
                var childPath = path.Length == 0 ? name : $"{path}.{name}";
                if (obj.ContainsKey(name))
                {
                    problems.Add($"{childPath}: element appears more than once");
                    continue;
                }
                var property = properties.FirstOrDefault(p => (p.Value.Xml?.Name ?? p.Key) == name);
                var childSchema = property.Value ?? additional;
                obj[property.Key ?? name] = childSchema is null
                    ? JsonValue.Create(child.HasElements ? child.ToString(SaveOptions.DisableFormatting) : child.Value)
                    : Convert(child, childSchema, childPath, problems);
            }
            DropNullsWhereNullable(obj, schema);
            return obj;
        }
        var text = element.Value.Trim();
        // An empty element of a nullable number or boolean is the XML form of null: left out (the contract says so).
        if (text.Length == 0 && schema.IsNullableRaw == true && (type & (JsonObjectType.Integer | JsonObjectType.Number | JsonObjectType.Boolean)) != 0)
            return null;
        return Scalar(text, type);
    }

    /// <summary>Typed scalars where the text parses; otherwise the text, so validation names the wrong type.</summary>
    private static JsonNode? Scalar(string text, JsonObjectType type)
    {
        if (type.HasFlag(JsonObjectType.Integer) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (type.HasFlag(JsonObjectType.Number) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number)) // 1e999 reads as infinity, which no JSON can hold: kept as text, so validation names it
            return JsonValue.Create(number);
        if (type.HasFlag(JsonObjectType.Boolean) && text is "true" or "false")
            return JsonValue.Create(text == "true");
        return JsonValue.Create(text);
    }

    private static JsonObjectType EffectiveType(JsonSchema schema) =>
        schema.Type != JsonObjectType.None
            ? schema.Type
            : schema.AllOf.Aggregate(JsonObjectType.None, (t, s) => t | EffectiveType(s.ActualSchema));

    private static IReadOnlyDictionary<string, JsonSchema> Properties(JsonSchema schema)
    {
        var all = new Dictionary<string, JsonSchema>();
        foreach (var (name, property) in schema.Properties) all[name] = property;
        foreach (var part in schema.AllOf)
            foreach (var (name, property) in Properties(part.ActualSchema))
                all.TryAdd(name, property);
        return all;
    }

    private static string ItemXmlName(JsonSchema array)
    {
        // The item's own xml name wins (ApplicationListItem says "item"); a $ref'd item keeps its schema's xml name.
        for (var schema = array.Item; schema is not null; schema = schema.Reference)
            if (schema.Xml?.Name is { } name)
                return name;
        return "item";
    }

    private static void Flatten(ValidationError error, List<string> problems)
    {
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            foreach (var nested in child.Errors.SelectMany(e => e.Value))
                Flatten(nested, problems);
            return;
        }
        var where = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
        problems.Add($"{where}: {error.Kind}");
    }
}
