using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace TwoFactorContracts.Contract;

/// <summary>What a field of an answer holds: a string, a boolean, an integer, a number, a list of objects, or one object (an email's status).</summary>
public enum AnswerKind { String, Boolean, Integer, Number, List, Object }

/// <summary>
/// One field of an answer as the contract describes it, in the contract's order: its JSON and XML names, its kind,
/// its default (as text) and, for a list, its items' fields and XML names.
/// </summary>
public sealed record AnswerField(string JsonName, string XmlName, AnswerKind Kind, string? Default)
{
    /// <summary>A list's items (or an object's): their fields.</summary>
    public IReadOnlyList<AnswerField> Items { get; init; } = [];

    /// <summary>A list's items: the XML element of each.</summary>
    public string? ItemXmlName { get; init; }
}

/// <summary>An operation's 2xx answer: its fields and its XML root.</summary>
public sealed record ContractAnswer(IReadOnlyList<AnswerField> Fields, string XmlRoot)
{
    /// <summary>The answer of <paramref name="operationId"/>: the properties of its first 2xx JSON answer schema.</summary>
    internal static ContractAnswer Read(OpenApiDocument document, string operationId)
    {
        var operation = document.Paths.SelectMany(p => p.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
            .Select(o => o.Value).FirstOrDefault(o => o.OperationId == operationId)
            ?? throw new KeyNotFoundException($"The contract has no operation '{operationId}'.");
        var schema = (operation.Responses ?? new OpenApiResponses()).Where(r => r.Key.StartsWith('2'))
            .Select(r => r.Value.Content is { } c && c.TryGetValue("application/json", out var media) ? media.Schema : null)
            .FirstOrDefault(s => s is not null)
            ?? throw new InvalidDataException($"{operationId} documents no JSON answer.");
        return new ContractAnswer(FieldsOf(schema, operationId), schema.Xml?.Name ?? throw new InvalidDataException($"{operationId}: its answer names no XML root."));
    }

    private static List<AnswerField> FieldsOf(IOpenApiSchema schema, string where)
    {
        var fields = new List<AnswerField>();
        foreach (var (name, property) in ContractFields.PropertiesOf(schema))
        {
            var type = (property.Type ?? 0) & ~JsonSchemaType.Null;
            var xmlName = property.Xml?.Name ?? name;
            var field = type switch
            {
                JsonSchemaType.String => new AnswerField(name, xmlName, AnswerKind.String, Default(property)),
                JsonSchemaType.Boolean => new AnswerField(name, xmlName, AnswerKind.Boolean, Default(property)),
                JsonSchemaType.Integer => new AnswerField(name, xmlName, AnswerKind.Integer, Default(property)),
                JsonSchemaType.Number => new AnswerField(name, xmlName, AnswerKind.Number, Default(property)),
                JsonSchemaType.Array when property.Items is { } items => new AnswerField(name, xmlName, AnswerKind.List, null)
                {
                    Items = FieldsOf(items, $"{where}.{name}"),
                    ItemXmlName = items.Xml?.Name ?? name,
                },
                JsonSchemaType.Object or 0 when ContractFields.PropertiesOf(property).Count > 0 => new AnswerField(name, xmlName, AnswerKind.Object, null)
                {
                    Items = FieldsOf(property, $"{where}.{name}"),
                },
                _ => throw new InvalidDataException($"{where}.{name}: an answer field is a string, boolean, integer, number, object or list of objects, not {type}."),
            };
            fields.Add(field);
        }
        return fields;
    }

    private static string? Default(IOpenApiSchema schema) => schema.Default switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var node => node.ToJsonString(),
    };
}
