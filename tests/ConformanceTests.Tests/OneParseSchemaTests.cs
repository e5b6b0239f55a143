using System.Globalization;
using System.Text;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using NJsonSchema;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// The contract is parsed once: Microsoft.OpenApi reads the YAML and the NJsonSchema schemas are mapped from its
/// model, where they used to come from a second parse (the model written out as OpenAPI 3.0 JSON and read again by
/// NSwag). NSwag is kept here only, as that second reading, to prove the mapping changed nothing: every body schema
/// has the same shape, and the documented examples and the derived negative cases get the same verdicts.
/// </summary>
public class OneParseSchemaTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private static readonly Lazy<NSwag.OpenApiDocument> ReadTwice = new(() => ReadThroughNSwag(Contract.Path));

    [Fact]
    public void The_contract_library_does_not_read_the_contract_through_NSwag()
    {
        typeof(ContractDocument).Assembly.GetReferencedAssemblies().Select(a => a.Name)
            .ShouldNotContain(name => name!.StartsWith("NSwag", StringComparison.Ordinal));
    }

    public static TheoryData<string, int?, BodyFormat> Bodies()
    {
        var bodies = new TheoryData<string, int?, BodyFormat>();
        foreach (var operation in Contract.AllOperations)
            foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
            {
                if (operation.HasRequestBody) bodies.Add(operation.OperationId, null, format);
                foreach (var response in operation.Responses.Where(r => r.Examples.Any(e => e.Format == format)))
                    bodies.Add(operation.OperationId, response.Status, format);
            }
        return bodies;
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Each_body_schema_has_the_shape_NSwag_read(string operationId, int? status, BodyFormat format)
    {
        var (mapped, read) = Both(Contract.Operation(operationId), status, format);
        Shape(mapped.Schema).ShouldBe(Shape(read.Schema));
        mapped.XmlRootNames.ShouldNotBeEmpty();
    }

    [Fact]
    public void The_required_request_fields_read_from_the_model_are_the_schemas()
    {
        var withBodies = Contract.AllOperations.Where(o => o.HasRequestBody).ToList();
        withBodies.ShouldNotBeEmpty();
        foreach (var operation in withBodies)
            operation.RequiredRequestFields.ShouldBe(operation.RequestSchema(BodyFormat.Json).Schema.RequiredProperties.ToList(), operation.OperationId);
        Contract.Operation("createApplication").RequiredRequestFields.ShouldBe(["name"]);
    }

    [Fact]
    public void The_documented_examples_get_the_verdicts_they_got_from_NSwag()
    {
        var verdicts = 0;
        var rejected = 0;
        foreach (var operation in Contract.AllOperations)
        {
            var examples = operation.RequestExamples.Select(e => (Status: (int?)null, Example: e))
                .Concat(operation.Responses.SelectMany(r => r.Examples.Select(e => (Status: (int?)r.Status, Example: e))));
            foreach (var (status, example) in examples)
            {
                var (mapped, read) = Both(operation, status, example.Format);
                var problems = mapped.Validate(example.Text);
                problems.ShouldBe(read.Validate(example.Text), $"{operation.OperationId} {status} {example.Name} {example.Format}");
                verdicts++;
                if (problems.Count > 0) rejected++;
            }
        }
        verdicts.ShouldBeGreaterThan(100);
        rejected.ShouldBeGreaterThan(0, "the contract documents invalid requests (e.g. missingName), which both must reject");
    }

    [Fact]
    public void The_negative_cases_are_rejected_as_NSwag_read_rejected_them()
    {
        var cases = NegativeCases.For(Contract);
        cases.Count.ShouldBeGreaterThan(20);
        foreach (var negative in cases)
        {
            var operation = negative.Operation;
            var baseValues = RequestBodies.Values(operation, operation.FindRequestExample(ContractOperation.FallbackExample, BodyFormat.Json)!);
            var body = RequestBodies.Write(operation, negative.Apply(baseValues), negative.Format);
            var (mapped, read) = Both(operation, null, negative.Format);
            mapped.Validate(body).ShouldBe(read.Validate(body), negative.Id);
        }
    }

    /// <summary>The schema as the contract library maps it, and the same schema as NSwag's reading of the 3.0 JSON gave it.</summary>
    private static (ContractSchema Mapped, ContractSchema Read) Both(ContractOperation operation, int? status, BodyFormat format)
    {
        var mapped = status is { } code ? operation.ResponseSchema(code, format) : operation.RequestSchema(format);
        var nswag = ReadTwice.Value.Paths[operation.PathTemplate][operation.Method.ToLowerInvariant()];
        var content = status is { } s ? nswag.Responses[s.ToString(CultureInfo.InvariantCulture)].ActualResponse.Content : nswag.RequestBody!.Content;
        return (mapped, new ContractSchema(content[format.MediaType()].Schema.ActualSchema, format, mapped.XmlRootNames));
    }

    /// <summary>The way the contract was read before: Microsoft.OpenApi, written out as OpenAPI 3.0 JSON, read again by NSwag.</summary>
    private static NSwag.OpenApiDocument ReadThroughNSwag(string path)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        using var stream = new MemoryStream(File.ReadAllBytes(path));
        var document = OpenApiDocument.Load(stream, "yaml", settings).Document!;
        using var buffer = new MemoryStream();
        document.SerializeAsJsonAsync(buffer, OpenApiSpecVersion.OpenApi3_0).GetAwaiter().GetResult();
        return NSwag.OpenApiDocument.FromJsonAsync(Encoding.UTF8.GetString(buffer.ToArray())).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Everything of a schema that NJsonSchema's validator and the suite's walks read, as text. A reference prints as
    /// <c>$ref N</c>, its target in full where first met, so shared and self-referring schemas compare too.
    /// </summary>
    private static string Shape(JsonSchema schema)
    {
        var text = new StringBuilder();
        Write(schema, "", text, new Dictionary<JsonSchema, int>(ReferenceEqualityComparer.Instance));
        return text.ToString();
    }

    private static void Write(JsonSchema schema, string indent, StringBuilder text, Dictionary<JsonSchema, int> seen)
    {
        if (schema.Reference is { } target)
        {
            if (seen.TryGetValue(target, out var number)) { text.AppendLine($"{indent}$ref {number}"); return; }
            seen[target] = seen.Count;
            text.AppendLine($"{indent}$ref {seen[target]} =");
            Write(target, indent + "  ", text, seen);
            return;
        }
        void Line(string name, object? value)
        {
            if (value is not null) text.AppendLine($"{indent}{name}: {value}");
        }
        static string? Value(object? value) => value is null ? null : $"{value.GetType().Name} {Newtonsoft.Json.JsonConvert.SerializeObject(value)}";
        Line("type", schema.Type);
        Line("nullable", schema.IsNullableRaw);
        Line("format", schema.Format);
        Line("title", schema.Title);
        Line("description", schema.Description);
        Line("default", Value(schema.Default));
        Line("example", Value(schema.Example));
        Line("enum", schema.Enumeration.Count > 0 ? string.Join(", ", schema.Enumeration.Select(Value)) : null);
        Line("pattern", schema.Pattern);
        Line("length", $"{schema.MinLength}..{schema.MaxLength}");
        Line("minimum", $"{schema.Minimum} exclusive {schema.IsExclusiveMinimum} {schema.ExclusiveMinimum}");
        Line("maximum", $"{schema.Maximum} exclusive {schema.IsExclusiveMaximum} {schema.ExclusiveMaximum}");
        Line("items", $"{schema.MinItems}..{schema.MaxItems} unique {schema.UniqueItems}");
        Line("multipleOf", schema.MultipleOf);
        Line("deprecated", schema.IsDeprecated);
        Line("required", string.Join(", ", schema.RequiredProperties));
        Line("additionalProperties", schema.AllowAdditionalProperties);
        Line("xml", schema.Xml is { } xml ? $"{xml.Name} wrapped {xml.Wrapped} attribute {xml.Attribute} {xml.Namespace} {xml.Prefix}" : null);
        Line("extensions", schema.ExtensionData is { Count: > 0 } extensions ? string.Join(", ", extensions.Select(e => $"{e.Key}={Value(e.Value)}")) : null);
        if (schema is JsonSchemaProperty property) Line("readOnly/writeOnly", $"{property.IsReadOnly}/{property.IsWriteOnly}");
        foreach (var (name, child) in schema.Properties)
        {
            text.AppendLine($"{indent}property {name}:");
            Write(child, indent + "  ", text, seen);
        }
        void Part(string name, JsonSchema? part)
        {
            if (part is null) return;
            text.AppendLine($"{indent}{name}:");
            Write(part, indent + "  ", text, seen);
        }
        Part("additionalProperties", schema.AdditionalPropertiesSchema);
        Part("item", schema.Item);
        Part("not", schema.Not);
        foreach (var part in schema.AllOf) Part("allOf", part);
        foreach (var part in schema.OneOf) Part("oneOf", part);
        foreach (var part in schema.AnyOf) Part("anyOf", part);
    }
}
