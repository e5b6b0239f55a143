using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace TwoFactorContracts.Tool.Diff;

/// <summary>Which way a schema's data flows, which decides what breaks a client.</summary>
public enum Direction
{
    /// <summary>The client sends it: narrowing what is accepted breaks clients, widening does not.</summary>
    Request,

    /// <summary>The client reads it: removing or retyping what it reads breaks clients, adding does not.</summary>
    Response,
}

/// <summary>
/// Compares two schemas field by field (properties, array items, additionalProperties, allOf merged), each rule
/// one small function. Field paths read like "configuration.pinAttempts", "[].name", "validationErrors.*".
/// </summary>
public sealed class SchemaDiff
{
    private const int MaxDepth = 32; // a safety net; recursion through $ref is cut by _comparing
    private readonly HashSet<(string, string)> _comparing = []; // referenced schema pairs on the current path
    private readonly List<Change> _changes;
    private readonly string _operation;
    private readonly string _part;
    private readonly Direction _direction;
    private readonly bool _xml;
    private readonly string _rootLabel;

    private SchemaDiff(List<Change> changes, string operation, string part, Direction direction, bool xml, string rootLabel)
    {
        _rootLabel = rootLabel;
        _changes = changes;
        _operation = operation;
        _part = part;
        _direction = direction;
        _xml = xml;
    }

    /// <summary>Adds to <paramref name="changes"/> every change from <paramref name="old"/> to <paramref name="new"/>.</summary>
    /// <param name="xml">The data travels as XML, so XML names matter (they do not to a JSON client).</param>
    /// <param name="rootLabel">How a change of the schema itself is located: "(body)" for a body, "" for a parameter.</param>
    public static void Compare(List<Change> changes, IOpenApiSchema? old, IOpenApiSchema? @new, string operation, string part, Direction direction, bool xml, string rootLabel = "(body)")
    {
        if (old is null || @new is null) return;
        new SchemaDiff(changes, operation, part, direction, xml, rootLabel).Field(old, @new, "", "", 0);
    }

    private void Field(IOpenApiSchema old, IOpenApiSchema @new, string path, string name, int depth)
    {
        if (depth > MaxDepth) return;
        // A recursive schema (a tree whose children are trees) meets the same pair again: compared once is enough.
        var pair = (RefId(old), RefId(@new));
        if (pair is (not null, not null) && !_comparing.Add(pair!)) return;
        try
        {
            Compare(old, @new, path, name, depth);
        }
        finally
        {
            if (pair is (not null, not null)) _comparing.Remove(pair!);
        }
    }

    private static string? RefId(IOpenApiSchema schema) => (schema as OpenApiSchemaReference)?.Reference.Id;

    private void Compare(IOpenApiSchema old, IOpenApiSchema @new, string path, string name, int depth)
    {
        var o = Effective.Of(old);
        var n = Effective.Of(@new);
        if (_xml) XmlName(o, n, path, name);
        Default(o, n, path);
        if (_direction == Direction.Request)
        {
            RequestType(o, n, path);
            RequestPattern(o, n, path);
            RequestBounds(o, n, path);
            RequestEnum(o, n, path);
        }
        else
        {
            ResponseType(o, n, path);
        }
        Properties(o, n, path, depth);
        if (o.Items is not null && n.Items is not null) Field(o.Items, n.Items, Join(path, "[]"), "", depth + 1);
        if (o.AdditionalProperties is not null && n.AdditionalProperties is not null)
            Field(o.AdditionalProperties, n.AdditionalProperties, Join(path, "*"), "", depth + 1);
    }

    private void Properties(Effective o, Effective n, string path, int depth)
    {
        foreach (var (name, oldProperty) in o.Properties)
        {
            var fieldPath = Join(path, name);
            if (n.Properties.TryGetValue(name, out var newProperty))
            {
                if (_direction == Direction.Request && !o.Required.Contains(name) && n.Required.Contains(name))
                    Add(ChangeRules.RequestFieldRequired, fieldPath, "optional -> required");
                Field(oldProperty, newProperty, fieldPath, name, depth + 1);
            }
            else
            {
                Add(_direction == Direction.Request ? ChangeRules.RequestFieldRemoved : ChangeRules.ResponseFieldRemoved, fieldPath, "removed");
            }
        }
        foreach (var name in n.Properties.Keys.Where(k => !o.Properties.ContainsKey(k)))
        {
            var fieldPath = Join(path, name);
            if (_direction == Direction.Response) Add(ChangeRules.ResponseFieldAdded, fieldPath, "added");
            else if (n.Required.Contains(name)) Add(ChangeRules.RequestFieldRequired, fieldPath, "added as required");
            else Add(ChangeRules.RequestFieldAdded, fieldPath, "added, optional");
        }
    }

    private void XmlName(Effective o, Effective n, string path, string name)
    {
        // Without xml.name an element is named after its property, so only a change of the effective name counts.
        var oldName = o.XmlName ?? name;
        var newName = n.XmlName ?? name;
        if (oldName != newName) Add(ChangeRules.XmlNameChanged, path, $"XML name {Show(oldName)} -> {Show(newName)}");
    }

    private void Default(Effective o, Effective n, string path)
    {
        var oldDefault = o.Default?.ToJsonString();
        var newDefault = n.Default?.ToJsonString();
        if (oldDefault != newDefault) Add(ChangeRules.DefaultChanged, path, $"default {oldDefault ?? "none"} -> {newDefault ?? "none"}");
    }

    private void ResponseType(Effective o, Effective n, string path)
    {
        if (o.Type is { } oldType && n.Type is { } newType && oldType != newType)
            Add(ChangeRules.ResponseTypeChanged, path, $"type {TypeText(oldType)} -> {TypeText(newType)}");
    }

    private void RequestType(Effective o, Effective n, string path)
    {
        if (o.Type is not { } oldType || n.Type is not { } newType || oldType == newType) return;
        // A number field accepts every integer, so integer -> number only widens.
        var accepted = newType.HasFlag(JsonSchemaType.Number) ? newType | JsonSchemaType.Integer : newType;
        var lost = oldType & ~accepted;
        Add(lost != 0 ? ChangeRules.RequestTypeNarrowed : ChangeRules.RequestTypeWidened, path, $"type {TypeText(oldType)} -> {TypeText(newType)}");
    }

    private void RequestPattern(Effective o, Effective n, string path)
    {
        if (o.Pattern == n.Pattern) return;
        // Whether one regular expression accepts all another does is undecidable in general: any new or changed pattern counts.
        Add(n.Pattern is null ? ChangeRules.RequestPatternRemoved : ChangeRules.RequestPatternNarrowed, path,
            $"pattern {Show(o.Pattern)} -> {Show(n.Pattern)}");
    }

    private void RequestBounds(Effective o, Effective n, string path)
    {
        Bound("minimum", o.Minimum, n.Minimum, lower: true, path);
        Bound("exclusiveMinimum", o.ExclusiveMinimum, n.ExclusiveMinimum, lower: true, path);
        Bound("maximum", o.Maximum, n.Maximum, lower: false, path);
        Bound("exclusiveMaximum", o.ExclusiveMaximum, n.ExclusiveMaximum, lower: false, path);
        Bound("minLength", o.MinLength, n.MinLength, lower: true, path);
        Bound("maxLength", o.MaxLength, n.MaxLength, lower: false, path);
        Bound("minItems", o.MinItems, n.MinItems, lower: true, path);
        Bound("maxItems", o.MaxItems, n.MaxItems, lower: false, path);
    }

    private void Bound(string keyword, decimal? old, decimal? @new, bool lower, string path)
    {
        if (old == @new) return;
        // A lower bound narrows when it appears or rises; an upper bound when it appears or falls.
        var narrowed = old is null || (@new is not null && (lower ? @new > old : @new < old));
        Add(narrowed ? ChangeRules.RequestBoundsNarrowed : ChangeRules.RequestBoundsWidened, path,
            $"{keyword} {Number(old)} -> {Number(@new)}");
    }

    private void RequestEnum(Effective o, Effective n, string path)
    {
        if (o.Enum is null && n.Enum is null) return;
        if (o.Enum is null)
        {
            Add(ChangeRules.RequestEnumNarrowed, path, $"enum added [{string.Join(", ", n.Enum!)}]");
            return;
        }
        if (n.Enum is null)
        {
            Add(ChangeRules.RequestEnumWidened, path, "enum removed");
            return;
        }
        var removed = o.Enum.Except(n.Enum).ToList();
        var added = n.Enum.Except(o.Enum).ToList();
        if (removed.Count > 0) Add(ChangeRules.RequestEnumNarrowed, path, $"enum lost {string.Join(", ", removed)}");
        if (added.Count > 0) Add(ChangeRules.RequestEnumWidened, path, $"enum gained {string.Join(", ", added)}");
    }

    private void Add(string rule, string field, string detail) =>
        _changes.Add(ChangeRules.Found(rule, new ChangeLocation(_operation, _part, field.Length == 0 ? _rootLabel : field), detail));

    private static string Join(string path, string name) => path.Length == 0 ? name : name == "[]" ? path + "[]" : $"{path}.{name}";

    private static string Show(string? text) => text is null ? "none" : $"'{text}'";

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";

    private static string TypeText(JsonSchemaType type) =>
        string.Join("|", Enum.GetValues<JsonSchemaType>().Where(t => type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant()));

    /// <summary>
    /// What a schema says once its allOf parts are merged in: its own keywords win, properties and required
    /// names are the union. References are followed by Microsoft.OpenApi's model.
    /// </summary>
    private sealed record Effective(
        JsonSchemaType? Type, string? Pattern, IReadOnlyList<string>? Enum, JsonNode? Default, string? XmlName,
        decimal? Minimum, decimal? ExclusiveMinimum, decimal? Maximum, decimal? ExclusiveMaximum,
        decimal? MinLength, decimal? MaxLength, decimal? MinItems, decimal? MaxItems,
        IReadOnlyDictionary<string, IOpenApiSchema> Properties, IReadOnlySet<string> Required,
        IOpenApiSchema? Items, IOpenApiSchema? AdditionalProperties)
    {
        public static Effective Of(IOpenApiSchema schema)
        {
            var parts = (schema.AllOf ?? []).Select(Of).ToList();
            T? First<T>(T? own, Func<Effective, T?> pick) => own ?? parts.Select(pick).FirstOrDefault(v => v is not null);
            var properties = new Dictionary<string, IOpenApiSchema>();
            foreach (var part in parts)
                foreach (var (name, property) in part.Properties) properties[name] = property;
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>()) properties[name] = property;
            var required = new HashSet<string>(schema.Required ?? new HashSet<string>());
            foreach (var part in parts) required.UnionWith(part.Required);
            return new Effective(
                First(schema.Type, p => p.Type),
                First(schema.Pattern, p => p.Pattern),
                First(schema.Enum?.Select(e => e?.ToJsonString() ?? "null").ToList(), p => p.Enum),
                First(schema.Default, p => p.Default),
                schema.Xml?.Name, // the element's own name; an allOf part's name is the part's, not this element's
                First(Decimal(schema.Minimum), p => p.Minimum),
                First(Decimal(schema.ExclusiveMinimum), p => p.ExclusiveMinimum),
                First(Decimal(schema.Maximum), p => p.Maximum),
                First(Decimal(schema.ExclusiveMaximum), p => p.ExclusiveMaximum),
                First((decimal?)schema.MinLength, p => p.MinLength),
                First((decimal?)schema.MaxLength, p => p.MaxLength),
                First((decimal?)schema.MinItems, p => p.MinItems),
                First((decimal?)schema.MaxItems, p => p.MaxItems),
                properties, required,
                First(schema.Items, p => p.Items),
                First(schema.AdditionalProperties, p => p.AdditionalProperties));
        }

        private static decimal? Decimal(string? value) =>
            decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }
}
