using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace TwoFactorContracts.Contract;

/// <summary>
/// The contract as read at run time, parsed once by Microsoft.OpenApi (references resolved, typed scalars).
/// Body schemas are mapped from that model into NJsonSchema's, which validates them (<see cref="ContractJsonSchemas"/>).
/// </summary>
public sealed class ContractDocument
{
    public const string FileName = "2fa-applications.yaml";

    /// <summary>The tag of the four application operations (list, create, get, update); the PIN flow's operations carry others.</summary>
    public const string ApplicationsTag = "Applications";

    /// <summary>True for <see cref="ApplicationsTag"/> in any case (contracts before the PIN flow spelled it <c>applications</c>).</summary>
    public static bool IsApplicationsTag(string? tag) => string.Equals(tag, ApplicationsTag, StringComparison.OrdinalIgnoreCase);

    private static readonly ConcurrentDictionary<string, Lazy<ContractDocument>> Cache = new();

    private readonly Lazy<OpenApiDocument> _openApi;
    private readonly Lazy<SchemaIndex> _schemas;
    private readonly Lazy<ContractProvenance> _provenance;

    /// <summary>The start-up cache this document was loaded through (null: none), and how many views the file holds.</summary>
    private ContractCache.Location? _cache;
    private int _viewsSaved = -1;

    private ContractDocument(string path, IReadOnlyList<ContractOperation> operations, ContractXmlNames xmlNames, ContractFields fields,
        Lazy<OpenApiDocument> openApi, Lazy<SchemaIndex> schemas, Lazy<ContractProvenance> provenance, ContractViews views)
    {
        _schemas = schemas;
        Path = path;
        AllOperations = operations;
        Operations = operations.Where(o => IsApplicationsTag(o.Tag)).ToList();
        XmlNames = xmlNames;
        Fields = fields;
        _openApi = openApi;
        _provenance = provenance;
        Views = views;
        foreach (var operation in operations)
            operation.PathMethods = operations.Where(o => o.PathTemplate == operation.PathTemplate).Select(o => o.Method).ToList();
    }

    /// <summary>The contract copied beside the assembly (every project that references this library gets it).</summary>
    public static string DefaultPath => System.IO.Path.Combine(AppContext.BaseDirectory, "openapi", FileName);

    public string Path { get; }

    /// <summary>The application operations (tag <see cref="ApplicationsTag"/>), what the mock's applications and the suite's cases cover.</summary>
    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>Every operation of the contract: the applications', the message templates' and the PIN flow's.</summary>
    public IReadOnlyList<ContractOperation> AllOperations { get; }

    public ContractXmlNames XmlNames { get; }

    /// <summary>Where each rule comes from (<c>x-source</c>), this project's decisions and the document's alternatives.</summary>
    public ContractProvenance Provenance => _provenance.Value;

    /// <summary>Every field of an application (request, response, configuration): what the mock reads, checks, stores and writes.</summary>
    public ContractFields Fields { get; }

    /// <summary>The outcomes of a send it documents (statuses of the send examples) and its reserved test numbers.</summary>
    public ContractSendOutcomes SendOutcomes => Views.SendOutcomes(() => ContractSendOutcomes.Read(OpenApi, AllOperations));

    /// <summary>
    /// The OpenAPI model the document was read from (the field model of other resources reads it). A document loaded
    /// from the start-up cache parses the YAML only when something the cache does not hold is asked for.
    /// </summary>
    internal OpenApiDocument OpenApi => _openApi.Value;

    /// <summary>What was read of the contract beyond its operations (<see cref="FieldsOf"/>, <see cref="AnswerOf"/>, <see cref="XmlRootsOf"/>), read once.</summary>
    internal ContractViews Views { get; }

    /// <summary>
    /// The field model of another resource than the application: the request body of <paramref name="bodyOperationId"/>
    /// and the answer of <paramref name="itemOperationId"/> (see <see cref="ContractFields.ForOperations"/>).
    /// </summary>
    public ContractFields FieldsOf(string? bodyOperationId, string? itemOperationId) =>
        Views.FieldsOf(bodyOperationId, itemOperationId, () => ContractFields.ForOperations(OpenApi, bodyOperationId, itemOperationId));

    /// <summary>The fields and XML root of an operation's 2xx answer (what the mock writes for the PIN flow).</summary>
    public ContractAnswer AnswerOf(string operationId) => Views.AnswerOf(operationId, () => ContractAnswer.Read(OpenApi, operationId));

    /// <summary>
    /// The XML element names of an operation's bodies: the request's root (and the other roots it reads), the 2xx
    /// answer's root and, for a list, its items'; for an answer holding one wrapped list (the verification status),
    /// that list's element and its items'.
    /// </summary>
    public ContractXmlRoots XmlRootsOf(string operationId) => Views.XmlRootsOf(operationId, () => ReadXmlRoots(operationId));

    private ContractXmlRoots ReadXmlRoots(string operationId)
    {
        var operation = OpenApi.Paths.SelectMany(p => p.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
            .Select(o => o.Value).FirstOrDefault(o => o.OperationId == operationId)
            ?? throw new KeyNotFoundException($"The contract has no operation '{operationId}'.");
        static IOpenApiSchema? Xml(IDictionary<string, IOpenApiMediaType>? content) =>
            content is not null && content.TryGetValue("application/xml", out var media) ? media.Schema : null;
        var request = Xml(operation.RequestBody?.Content);
        var response = (operation.Responses ?? new OpenApiResponses()).Where(r => r.Key.StartsWith('2'))
            .Select(r => Xml(r.Value.Content)).FirstOrDefault(s => s is not null);
        var lists = (response?.Properties ?? new Dictionary<string, IOpenApiSchema>()).Where(p => p.Value.Items is not null).ToList();
        if (response?.Items is null && lists is [var (name, list)])
            return new ContractXmlRoots(request?.Xml?.Name, response?.Xml?.Name, list.Items?.Xml?.Name)
            {
                RequestAlso = AcceptedRoots(request),
                ResponseList = list.Xml?.Name ?? name,
            };
        return new ContractXmlRoots(request?.Xml?.Name, response?.Xml?.Name, response?.Items?.Xml?.Name) { RequestAlso = AcceptedRoots(request) };
    }

    /// <summary>The request roots a schema's <c>x-xml-accepted-roots</c> names besides its xml name (none when it has none).</summary>
    internal static IReadOnlyList<string> AcceptedRoots(IOpenApiSchema? schema)
    {
        var actual = schema is OpenApiSchemaReference reference ? reference.Target ?? schema : schema;
        return ContractProvenance.Extension(actual?.Extensions, ContractProvenance.XmlAcceptedRootsExtension) is JsonArray roots
            ? [.. roots.Select(r => r is JsonValue value && value.TryGetValue<string>(out var root) ? root : null).OfType<string>()]
            : [];
    }

    /// <summary>The documented cases of the application operations (<see cref="Operations"/>).</summary>
    public IEnumerable<ContractCase> Cases => Operations.SelectMany(o => o.Cases);

    /// <summary>Any operation of the contract by its operationId.</summary>
    public ContractOperation Operation(string operationId) =>
        AllOperations.FirstOrDefault(o => o.OperationId == operationId)
        ?? throw new KeyNotFoundException($"The contract has no operation '{operationId}'.");

    /// <summary>Reads a contract once per path; later calls return the same instance.</summary>
    public static ContractDocument Load(string? path = null)
    {
        var full = System.IO.Path.GetFullPath(path ?? DefaultPath);
        return Cache.GetOrAdd(full, p => new Lazy<ContractDocument>(() => Read(p))).Value;
    }

    private static ContractDocument Read(string path)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var bytes = File.ReadAllBytes(path);
        using var stream = new MemoryStream(bytes);
        var result = OpenApiDocument.Load(stream, "yaml", settings);
        var errors = result.Diagnostic?.Errors ?? [];
        if (result.Document is null || errors.Count > 0)
            throw new InvalidDataException(
                $"{path} is not a valid OpenAPI document: {string.Join("; ", errors.Select(e => $"{e.Pointer} {e.Message}"))}");
        var document = result.Document;

        var schemas = new Lazy<SchemaIndex>(() => new SchemaIndex(document));
        var operations = new List<ContractOperation>();
        foreach (var (template, pathItem) in document.Paths)
        {
            foreach (var (method, operation) in pathItem.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
            {
                var methodName = method.Method.ToUpperInvariant();
                var parameters = (pathItem.Parameters ?? []).Concat(operation.Parameters ?? []).ToList();
                var pathParameters = ReadParameters(parameters, ParameterLocation.Path)
                    .OrderBy(p => template.IndexOf("{" + p.Name + "}", StringComparison.Ordinal)).ToList();
                var queryParameters = ReadParameters(parameters, ParameterLocation.Query);
                var requestExamples = operation.RequestBody?.Content is { } requestContent
                    ? ReadExamples(requestContent, status: null)
                    : [];
                var responses = (operation.Responses ?? new OpenApiResponses())
                    .Select(r => new ContractResponse(int.Parse(r.Key), r.Value.Description ?? "",
                        r.Value.Content is { } content ? ReadExamples(content, int.Parse(r.Key)) : [])
                    {
                        Source = ContractSource.Parse(ScalarText(ContractProvenance.Extension(r.Value.Extensions, ContractSource.Extension))),
                        ExampleSources = ReadExampleSources(r.Value.Content),
                    })
                    .OrderBy(r => r.Status)
                    .ToList();
                var id = operation.OperationId ?? throw new InvalidDataException($"{methodName} {template} has no operationId.");
                var tag = operation.Tags?.FirstOrDefault()?.Name
                          ?? throw new InvalidDataException($"{methodName} {template} has no tag.");
                operations.Add(new ContractOperation(id, tag, methodName, template, pathParameters, queryParameters,
                    requestExamples, responses, ReadThrottling(operation),
                    SchemasOf(schemas, template, methodName))
                {
                    RequestBodyRequired = operation.RequestBody?.Required == true,
                    RequiredRequestFields = operation.RequestBody?.Content?.TryGetValue(BodyFormat.Json.MediaType(), out var json) == true
                        ? [.. json.Schema?.Required ?? new HashSet<string>()]
                        : [],
                    RuleSources = operation.RequestBody?.Content?.TryGetValue(BodyFormat.Json.MediaType(), out var body) == true && body.Schema is { } schema
                        ? RuleSources(schema)
                        : new Dictionary<(string, string), ContractSource>(),
                });
            }
        }
        return new ContractDocument(path, operations, SchemaIndex.XmlNamesOf(document), ContractFields.Read(document),
            new Lazy<OpenApiDocument>(document), schemas, new Lazy<ContractProvenance>(ContractProvenance.Read(document)), new ContractViews())
        {
            ContractHash = ContractCache.HashOf(bytes),
        };
    }

    /// <summary>
    /// The contract at <paramref name="path"/> from the start-up cache in <paramref name="cacheDirectory"/>
    /// (<see cref="ContractCache"/>) when it holds this contract read by this library, else parsed (once per process).
    /// The same model either way; a cached one parses the YAML only if asked for what the cache does not hold (a body
    /// schema, the provenance). <see cref="SaveCache"/> writes what this run read for the next start.
    /// </summary>
    public static ContractDocument Load(string? path, string? cacheDirectory)
    {
        var full = System.IO.Path.GetFullPath(path ?? DefaultPath);
        if (cacheDirectory is null) return Load(full);
        var cache = ContractCache.Locate(full, cacheDirectory);
        return ContractCache.Read(cache) is { } image ? FromImage(full, image, cache) : ParsedAsIs(full, cache.ContractHash).CachedIn(cache);
    }

    /// <summary>The contract as the file now is: this process's parse when it read the same bytes, else a new parse.</summary>
    private static ContractDocument ParsedAsIs(string full, string contractHash)
    {
        var parsed = Load(full);
        if (parsed.ContractHash == contractHash) return parsed;
        parsed = Read(full);
        Cache[full] = new Lazy<ContractDocument>(parsed);
        return parsed;
    }

    /// <summary>The SHA-256 of the bytes this document was read from (hex).</summary>
    internal string ContractHash { get; private init; } = "";

    /// <summary>Writes this document and what was read of it into its start-up cache, unless the cache file holds it all.</summary>
    public void SaveCache()
    {
        if (_cache is not { } cache) return;
        var views = Views.Count;
        if (views != _viewsSaved && ContractCache.Write(cache, ToImage())) _viewsSaved = views;
    }

    private ContractDocument CachedIn(ContractCache.Location cache) =>
        new(Path, AllOperations, XmlNames, Fields, _openApi, _schemas, _provenance, Views) { _cache = cache, ContractHash = ContractHash };

    private static ContractDocument FromImage(string path, ContractImage image, ContractCache.Location cache)
    {
        // What the cache does not hold comes from the parsed contract, parsed once per process and only when asked for.
        var openApi = new Lazy<OpenApiDocument>(() => Load(path).OpenApi);
        var schemas = new Lazy<SchemaIndex>(() => Load(path).Schemas);
        var operations = image.Operations.Select(o => new ContractOperation(o.OperationId, o.Tag, o.Method, o.PathTemplate,
                o.PathParameters, o.QueryParameters, o.RequestExamples, o.Responses, o.Throttling, SchemasOf(schemas, o.PathTemplate, o.Method))
            {
                RequestBodyRequired = o.RequestBodyRequired,
                RequiredRequestFields = o.RequiredRequestFields,
                RuleSources = o.RuleSources,
            }).ToList();
        var views = ContractViews.From(image.Views);
        return new ContractDocument(path, operations, image.XmlNames, image.Fields, openApi, schemas,
            new Lazy<ContractProvenance>(() => Load(path).Provenance), views) { _cache = cache, _viewsSaved = views.Count, ContractHash = cache.ContractHash };
    }

    private ContractImage ToImage() => new(XmlNames, Fields,
        [.. AllOperations.Select(o => new OperationImage(o.OperationId, o.Tag, o.Method, o.PathTemplate, o.PathParameters, o.QueryParameters,
            o.RequestExamples, o.Responses, o.Throttling, o.RequestBodyRequired, o.RequiredRequestFields, o.RuleSources))],
        Views.ToImage());

    /// <summary>The mapped body schemas, shared by every document of this path (a cached one asks the parsed one's).</summary>
    private SchemaIndex Schemas => _schemas.Value;

    private static (Func<BodyFormat, ContractSchema?> Request, Func<int, BodyFormat, ContractSchema?> Response) SchemasOf(
        Lazy<SchemaIndex> schemas, string template, string method) =>
        (format => schemas.Value.Request(template, method, format), (status, format) => schemas.Value.Response(template, method, status, format));

    /// <summary>Each example's own x-source (an error example's), by name and media type.</summary>
    private static Dictionary<(string, BodyFormat), ContractSource> ReadExampleSources(IDictionary<string, IOpenApiMediaType>? content)
    {
        var sources = new Dictionary<(string, BodyFormat), ContractSource>();
        foreach (var (mediaType, media) in content ?? new Dictionary<string, IOpenApiMediaType>())
        {
            if (BodyFormats.FromMediaType(mediaType) is not { } format) continue;
            foreach (var (name, example) in media.Examples ?? new Dictionary<string, IOpenApiExample>())
                if (ContractSource.Parse(ScalarText(ContractProvenance.Extension(example.Extensions, ContractSource.Extension))) is { } source)
                    sources[(name, format)] = source;
        }
        return sources;
    }

    /// <summary>
    /// The source of every facet of a request body, by field path (<c>configuration.pinAttempts</c>) and facet; a
    /// <c>required</c> facet is the parent object's, filed under each required field.
    /// </summary>
    private static Dictionary<(string, string), ContractSource> RuleSources(IOpenApiSchema root)
    {
        var sources = new Dictionary<(string, string), ContractSource>();
        void Walk(IOpenApiSchema schema, string prefix, int depth)
        {
            if (depth > 16) return;
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                var field = prefix.Length == 0 ? name : $"{prefix}.{name}";
                if (schema.Required?.Contains(name) == true && ContractProvenance.SourceOf(schema, "required").Source is { } required)
                    sources[(field, "required")] = required;
                foreach (var facet in ContractProvenance.Facets)
                    if (facet != "required" && ContractProvenance.SourceOf(property, facet).Source is { } source)
                        sources[(field, facet)] = source;
                Walk(property, field, depth + 1);
            }
        }
        Walk(root, "", 0);
        return sources;
    }

    private static List<ContractParameter> ReadParameters(IEnumerable<IOpenApiParameter> parameters, ParameterLocation location) =>
        parameters.Where(p => p.In == location && p.Name is not null)
            .Select(p => new ContractParameter(p.Name!, p.Required,
                p.Examples?.ToDictionary(e => e.Key, e => ScalarText(e.Value.Value)) ?? new Dictionary<string, string>())
            {
                Default = p.Schema?.Default is { } value ? ScalarText(value) : null,
                IsBoolean = ((p.Schema?.Type ?? 0) & JsonSchemaType.Boolean) != 0,
            })
            .ToList();

    private static Throttling? ReadThrottling(OpenApiOperation operation) =>
        operation.Extensions?.TryGetValue("x-throttling", out var extension) == true && extension is JsonNodeExtension json
            ? Throttling.From(json.Node)
            : null;

    private static List<ExampleBody> ReadExamples(IDictionary<string, IOpenApiMediaType> content, int? status)
    {
        var examples = new List<ExampleBody>();
        foreach (var (mediaType, media) in content)
        {
            if (BodyFormats.FromMediaType(mediaType) is not { } format || media.Examples is null) continue;
            foreach (var (name, example) in media.Examples)
            {
                var text = format == BodyFormat.Xml
                    ? ScalarText(example.Value)
                    : example.Value?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
                examples.Add(new ExampleBody(name, status, format, text));
            }
        }
        return examples;
    }

    private static string ScalarText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? "";

    /// <summary>
    /// The body schemas of each operation in NJsonSchema's model, mapped from the OpenAPI model on first use
    /// (<see cref="ContractJsonSchemas"/>): the contract is parsed once, and a start that needs few schemas maps few.
    /// </summary>
    private sealed class SchemaIndex(OpenApiDocument document)
    {
        private readonly ContractJsonSchemas _schemas = new();
        private readonly ConcurrentDictionary<string, ContractSchema?> _cache = new();

        public ContractXmlNames XmlNames { get; } = XmlNamesOf(document);

        public static ContractXmlNames XmlNamesOf(OpenApiDocument document) => new(
            RequestRoot: XmlName(document, "ApplicationRequest"),
            ResponseRoot: XmlName(document, "ApplicationResponse"),
            ListRoot: XmlName(document, "ApplicationList"),
            ListItem: XmlName(document, "ApplicationListItem"),
            ErrorRoot: XmlName(document, "ApiError"));

        public ContractSchema? Request(string path, string method, BodyFormat format) =>
            _cache.GetOrAdd($"{method} {path} request {format}", _ =>
                Operation(path, method)?.RequestBody?.Content?.TryGetValue(format.MediaType(), out var media) == true
                    ? Wrap(media.Schema, format, request: true)
                    : null);

        public ContractSchema? Response(string path, string method, int status, BodyFormat format) =>
            _cache.GetOrAdd($"{method} {path} {status} {format}", _ =>
                Operation(path, method)?.Responses?.TryGetValue(status.ToString(CultureInfo.InvariantCulture), out var response) == true
                && response.Content?.TryGetValue(format.MediaType(), out var media) == true
                    ? Wrap(media.Schema, format, request: false)
                    : null);

        // The application request's XML root has two spellings (the seed's and today's); a request schema's
        // x-xml-accepted-roots adds the roots it names (a template's <message>); every other body has its schema's.
        private ContractSchema? Wrap(IOpenApiSchema? schema, BodyFormat format, bool request)
        {
            if (schema is null) return null;
            var mapped = _schemas.From(schema);
            var actual = mapped.ActualSchema;
            if (XmlNameOf(mapped) is not { } root) return new ContractSchema(actual, format, null);
            if (!request) return new ContractSchema(actual, format, [root]);
            if (root == XmlNames.RequestRoot) return new ContractSchema(actual, format, [XmlNames.RequestRoot, ContractXmlNames.AlternateRequestRoot]);
            return new ContractSchema(actual, format, [root, .. AcceptedRoots(schema)]);
        }

        /// <summary>
        /// The first xml name on the way from a schema to the one it stands for: a component that only wraps another
        /// (<c>allOf: [$ref]</c> with an xml name of its own, a create's <c>SmsOrVoiceMessage</c>) names the body itself.
        /// </summary>
        private static string? XmlNameOf(NJsonSchema.JsonSchema schema)
        {
            for (var (current, depth) = (schema, 0); current is not null && depth < 16; depth++)
            {
                if (current.Xml?.Name is { } name) return name;
                current = current.Reference ?? (current.AllOf.Count == 1 ? current.AllOf.First() : null);
            }
            return null;
        }

        private OpenApiOperation? Operation(string path, string method) =>
            document.Paths.TryGetValue(path, out var item)
            && item.Operations?.TryGetValue(new HttpMethod(method), out var operation) == true
                ? operation
                : null;

        private static string XmlName(OpenApiDocument document, string schemaName) =>
            document.Components?.Schemas?.TryGetValue(schemaName, out var schema) == true && schema.Xml?.Name is { } name
                ? name
                : throw new InvalidDataException($"The contract's schema {schemaName} has no xml name.");
    }
}
