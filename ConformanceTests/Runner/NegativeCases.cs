using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// Derives negative cases by walking each operation's request schema: for every constraint found (required,
/// type, pattern, minimum/maximum, length, enum, format int32) one request breaking that rule and nothing else.
/// A constraint added to the contract becomes a case with no code change. XML variants are kept only where
/// XML can express the break (an XML text is any string, so "a number where a string belongs" cannot be sent).
/// </summary>
public static class NegativeCases
{
    private static readonly ConditionalWeakTable<ContractDocument, IReadOnlyList<NegativeCase>> Derived = new();

    /// <summary>Every negative case of the contract, derived once per loaded contract.</summary>
    public static IReadOnlyList<NegativeCase> For(ContractDocument contract) =>
        Derived.GetValue(contract, c => c.Operations.Where(o => o.HasRequestBody).SelectMany(For).ToList());

    public static IEnumerable<NegativeCase> For(ContractOperation operation)
    {
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            if (operation.FindRequestExample(ContractOperation.FallbackExample, format) is null) continue;
            var schema = operation.RequestSchema(format);
            var baseValues = RequestBodies.Values(operation, operation.FindRequestExample(ContractOperation.FallbackExample, BodyFormat.Json)!);
            foreach (var (pointer, rule, value, remove, description) in Walk(schema.Schema, []))
            {
                var negative = new NegativeCase(operation, format, pointer, rule, value, remove, description);
                if (format == BodyFormat.Xml && !XmlCanExpress(negative, operation, baseValues)) continue;
                yield return negative;
            }
        }
    }

    /// <summary>
    /// True when the XML form breaks the same rule, at the same place, as the JSON form (or a rule the validator does
    /// not check). An XML text is any string, and a nested element where a string belongs reads as other text,
    /// so some breaks cannot be sent in XML without breaking a different rule instead.
    /// </summary>
    private static bool XmlCanExpress(NegativeCase negative, ContractOperation operation, JsonObject baseValues)
    {
        if (negative.Rule == "int32") return true;
        var broken = negative.Apply(baseValues);
        var json = operation.RequestSchema(BodyFormat.Json).Validate(broken.ToJsonString(), BodyFormat.Json);
        var xml = operation.RequestSchema(BodyFormat.Xml).Validate(RequestBodies.Write(operation, broken, BodyFormat.Xml), BodyFormat.Xml);
        return xml.Count > 0 && xml.SequenceEqual(json);
    }

    private static IEnumerable<(string[] Pointer, string Rule, JsonNode? Value, bool Remove, string Description)> Walk(JsonSchema schema, string[] path)
    {
        schema = schema.ActualSchema;
        foreach (var (name, property) in schema.ActualProperties)
        {
            var pointer = path.Append(name).ToArray();
            var field = string.Join('.', pointer);
            var actual = property.ActualSchema;
            if (schema.RequiredProperties.Contains(name))
                yield return (pointer, "required", null, true, $"{field} left out, but it is required");
            if (WrongType(actual.Type) is { } wrong)
                yield return (pointer, "type", wrong, false, $"{field} = {wrong.ToJsonString()}, not of type {actual.Type.ToString().ToLowerInvariant()}");
            if (actual.Pattern is { } pattern && NotMatching(pattern, actual) is { } text)
                yield return (pointer, "pattern", JsonValue.Create(text), false, $"{field} = \"{text}\" does not match {pattern}");
            if (actual.Pattern is { } timePattern && LengthOmitted(timePattern, actual) is { } shortened)
                yield return (pointer, LengthOmittedRule, JsonValue.Create(shortened), false,
                    $"{field} = \"{shortened}\" leaves out the time length, which {timePattern} requires");
            if (actual.Minimum is { } min)
            {
                var below = actual.IsExclusiveMinimum ? min : min - 1;
                yield return (pointer, "minimum", JsonValue.Create(below), false, $"{field} = {below} is below the minimum {min}");
            }
            if (actual.Maximum is { } max)
            {
                var above = actual.IsExclusiveMaximum ? max : max + 1;
                yield return (pointer, "maximum", JsonValue.Create(above), false, $"{field} = {above} is above the maximum {max}");
            }
            if (actual.MinLength is > 0 and var minLength)
                yield return (pointer, "minLength", JsonValue.Create(new string('a', minLength - 1)), false, $"{field} shorter than {minLength}");
            if (actual.MaxLength is { } maxLength)
                yield return (pointer, "maxLength", JsonValue.Create(new string('a', maxLength + 1)), false, $"{field} longer than {maxLength}");
            if (actual.Enumeration.Count > 0)
                yield return (pointer, "enum", JsonValue.Create("not-one-of-the-enum"), false, $"{field} not one of its values");
            if (actual.Format == JsonFormatStrings.Integer && actual.Type.HasFlag(JsonObjectType.Integer))
            {
                var tooBig = (long)int.MaxValue + 1;
                yield return (pointer, "int32", JsonValue.Create(tooBig), false, $"{field} = {tooBig} does not fit format int32");
            }
            if (actual.Type.HasFlag(JsonObjectType.Object))
                foreach (var nested in Walk(actual, pointer))
                    yield return nested;
        }
    }

    /// <summary>A value of another JSON type that no lenient parser turns into the right one ("10" would become 10).</summary>
    private static JsonNode? WrongType(JsonObjectType type) => type switch
    {
        _ when type.HasFlag(JsonObjectType.Integer) || type.HasFlag(JsonObjectType.Number) => JsonValue.Create("ten"),
        _ when type.HasFlag(JsonObjectType.Boolean) => JsonValue.Create("yes"),
        _ when type.HasFlag(JsonObjectType.String) => new JsonObject { ["unexpected"] = "object" },
        _ when type.HasFlag(JsonObjectType.Object) => JsonValue.Create("not an object"),
        _ when type.HasFlag(JsonObjectType.Array) => JsonValue.Create("not an array"),
        _ => null,
    };

    /// <summary>The rule a time or limit breaks when it leaves out its length ("m" for "15m"): the seed requires it, today's document does not.</summary>
    public const string LengthOmittedRule = "length-omitted";

    /// <summary>The default with the length before its unit left out ("15m" -> "m", "1/3s" -> "1/s"), when the pattern rejects that.</summary>
    private static string? LengthOmitted(string pattern, JsonSchema schema)
    {
        var seed = Convert.ToString(schema.Default, CultureInfo.InvariantCulture) ?? "";
        var shortened = Regex.Replace(seed, "[0-9]+(ms|s|m|h|d)$", "$1", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return shortened != seed && !Regex.IsMatch(shortened, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) ? shortened : null;
    }

    /// <summary>A string close to a valid one (the default with a stray character) that the pattern rejects.</summary>
    private static string? NotMatching(string pattern, JsonSchema schema)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var seed = Convert.ToString(schema.Default, CultureInfo.InvariantCulture) ?? "";
        return new[] { seed + "x", "x" + seed, "x", "" }.FirstOrDefault(c => !regex.IsMatch(c));
    }
}
