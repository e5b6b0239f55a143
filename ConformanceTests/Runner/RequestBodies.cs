using System.Text.Json.Nodes;
using System.Xml.Linq;
using NJsonSchema;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>Request bodies as values: read from an example, changed (renamed, mutated), written back in either media type.</summary>
public static class RequestBodies
{
    public static JsonObject Values(ContractOperation operation, ExampleBody body) =>
        (body.Format == BodyFormat.Json
            ? JsonNode.Parse(body.Text)
            : operation.RequestSchema(BodyFormat.Xml).XmlToJson(body.Text)) as JsonObject
        ?? throw new InvalidDataException($"{operation.OperationId} example {body.Name} is not an object.");

    public static string Write(ContractOperation operation, JsonObject values, BodyFormat format) =>
        format == BodyFormat.Json ? values.ToJsonString() : Xml(operation.RequestSchema(BodyFormat.Xml), values);

    /// <summary>The values with the schema's documented defaults filled in where the request left them out.</summary>
    public static JsonObject WithDefaults(JsonObject values, ContractSchema requestSchema)
    {
        var filled = (JsonObject)values.DeepClone();
        Fill(filled, requestSchema.Schema);
        return filled;
    }

    private static void Fill(JsonObject target, JsonSchema schema)
    {
        foreach (var (name, property) in schema.ActualSchema.ActualProperties)
        {
            var actual = property.ActualSchema;
            if (actual.Type.HasFlag(JsonObjectType.Object) && actual.ActualProperties.Any(p => p.Value.Default is not null))
            {
                if (target[name] is null) target[name] = new JsonObject();
                if (target[name] is JsonObject nested) Fill(nested, actual);
            }
            else if (!target.ContainsKey(name) && (property.Default ?? actual.Default) is { } value)
            {
                target[name] = JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(value));
            }
        }
    }

    /// <summary>XML through the contract's xml names: the schema's root name and each property's xml name.</summary>
    private static string Xml(ContractSchema schema, JsonObject values)
    {
        var root = Element(schema.XmlRootNames[0], values, schema.Schema.ActualSchema);
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root).ToString();
    }

    private static XElement Element(string name, JsonNode? value, JsonSchema? schema)
    {
        var element = new XElement(name);
        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var property = schema?.ActualProperties.GetValueOrDefault(key);
                    element.Add(Element(property?.Xml?.Name ?? key, child, property?.ActualSchema));
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    element.Add(Element(schema?.Item?.Xml?.Name ?? "item", item, schema?.Item?.ActualSchema));
                break;
            case JsonValue scalar:
                element.Value = scalar.TryGetValue<string>(out var text) ? text : scalar.ToJsonString();
                break;
        }
        return element;
    }
}
