namespace TwoFactorContracts.Contract;

/// <summary>One operation of the contract with its named request and response examples.</summary>
public sealed class ContractOperation
{
    public const string FallbackExample = "basic";

    private readonly Func<int, BodyFormat, ContractSchema?> _responseSchema;
    private readonly Func<BodyFormat, ContractSchema?> _requestSchema;
    private readonly Lazy<IReadOnlyList<ContractCase>> _cases;

    internal ContractOperation(
        string operationId, string tag, string method, string pathTemplate,
        IReadOnlyList<ContractParameter> pathParameters, IReadOnlyList<ContractParameter> queryParameters,
        IReadOnlyList<ExampleBody> requestExamples,
        IReadOnlyList<ContractResponse> responses, Throttling? throttling,
        (Func<BodyFormat, ContractSchema?> Request, Func<int, BodyFormat, ContractSchema?> Response) schemas)
    {
        Throttling = throttling;
        OperationId = operationId;
        Tag = tag;
        Method = method;
        PathTemplate = pathTemplate;
        PathParameters = pathParameters;
        QueryParameters = queryParameters;
        var own = pathParameters.LastOrDefault();
        PathParameter = own?.Name;
        PathExamples = own?.Examples ?? new Dictionary<string, string>();
        RequestExamples = requestExamples;
        Responses = responses;
        _requestSchema = schemas.Request;
        _responseSchema = schemas.Response;
        _cases = new Lazy<IReadOnlyList<ContractCase>>(BuildCases);
    }

    public string OperationId { get; }

    /// <summary>The operation's (first) tag: <see cref="ContractDocument.ApplicationsTag"/>, <c>Message templates</c> or <c>PIN flow</c>.</summary>
    public string Tag { get; }

    /// <summary>Upper-case HTTP method.</summary>
    public string Method { get; }

    public string PathTemplate { get; }

    /// <summary>
    /// The name of the last path parameter (the id of what the operation acts on: <c>applicationId</c>,
    /// <c>messageId</c>, <c>pinId</c>), or null for paths without one.
    /// </summary>
    public string? PathParameter { get; }

    /// <summary>Named examples of <see cref="PathParameter"/> (example name to value).</summary>
    public IReadOnlyDictionary<string, string> PathExamples { get; }

    /// <summary>Every path parameter, in the order the path names them (a template's path has two).</summary>
    public IReadOnlyList<ContractParameter> PathParameters { get; }

    /// <summary>The query parameters (<c>ncNeeded</c>, <c>msisdn</c>, ...) with their named examples.</summary>
    public IReadOnlyList<ContractParameter> QueryParameters { get; }

    public bool HasRequestBody => RequestExamples.Count > 0;

    /// <summary>The contract's <c>requestBody.required</c>: a request without a body is refused (a resend's is optional).</summary>
    public bool RequestBodyRequired { get; internal init; }

    public IReadOnlyList<ExampleBody> RequestExamples { get; }

    /// <summary>
    /// The JSON request body's required top-level properties, read from the contract's model: what the mock needs of
    /// the request schema at start, without building the NJsonSchema schema (<see cref="RequestSchema"/>).
    /// </summary>
    public IReadOnlyList<string> RequiredRequestFields { get; internal init; } = [];

    public IReadOnlyList<ContractResponse> Responses { get; }

    /// <summary>Who states each rule of the JSON request body, by field path and facet (<see cref="ContractProvenance.Facets"/>).</summary>
    internal IReadOnlyDictionary<(string Field, string Facet), ContractSource> RuleSources { get; init; } =
        new Dictionary<(string, string), ContractSource>();

    /// <summary>
    /// Who states the request rule that a broken field breaks: <paramref name="rule"/> is a facet or a negative case's
    /// rule (<c>type</c> has no source: the schema's shape is the contract's; <c>length-omitted</c> is the pattern's).
    /// Null when the contract does not mark it.
    /// </summary>
    public ContractSource? RuleSource(string field, string rule) =>
        RuleSources.GetValueOrDefault((field, rule == "length-omitted" ? "pattern" : rule));

    /// <summary>The methods the operation's path takes (set once the whole document is read).</summary>
    public IReadOnlyList<string> PathMethods { get; internal set; } = [];

    /// <summary>A method the path does not take, what a 405 case sends.</summary>
    public string UntakenMethod => UntakenMethods(PathMethods)[0];

    /// <summary>The common methods a path with <paramref name="pathMethods"/> does not take, PATCH first.</summary>
    public static IReadOnlyList<string> UntakenMethods(IEnumerable<string> pathMethods) =>
        new[] { "PATCH", "DELETE", "POST", "PUT", "GET" }.Except(pathMethods, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Today's API's budget for this operation per account (<c>x-throttling</c>), or null when none is documented.</summary>
    public Throttling? Throttling { get; }

    /// <summary>Every documented exchange of this operation, one per response example name and media type.</summary>
    public IReadOnlyList<ContractCase> Cases => _cases.Value;

    public IEnumerable<int> SuccessStatuses => Responses.Where(r => r.IsSuccess).Select(r => r.Status);

    /// <summary>
    /// The path with <see cref="PathParameter"/> set to <paramref name="pathId"/> and any other path parameter to its
    /// <c>basic</c> example (a template's application).
    /// </summary>
    public string PathFor(string? pathId) => PathFor(PathValuesFor(FallbackExample), pathId);

    /// <summary>The path with <paramref name="values"/>, and <see cref="PathParameter"/> set to <paramref name="pathId"/> when given.</summary>
    public string PathFor(IReadOnlyDictionary<string, string> values, string? pathId)
    {
        var all = new Dictionary<string, string>(values);
        if (PathParameter is not null && pathId is not null) all[PathParameter] = pathId;
        return PathFor(all);
    }

    /// <summary>The path with each parameter named in <paramref name="values"/> filled in (escaped); others stay as templates.</summary>
    public string PathFor(IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(PathTemplate, (path, v) =>
            path.Replace("{" + v.Key + "}", Uri.EscapeDataString(v.Value), StringComparison.Ordinal));

    /// <summary>Each path parameter's example named <paramref name="name"/>, falling back to its <c>basic</c> example.</summary>
    public IReadOnlyDictionary<string, string> PathValuesFor(string name) => ValuesFor(PathParameters, name);

    /// <summary>
    /// Each query parameter's example named <paramref name="name"/>, falling back to its <c>basic</c> example; a
    /// parameter with neither is left out (<c>ncNeeded</c> is sent only by the case named <c>noNumberLookup</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> QueryValuesFor(string name) => ValuesFor(QueryParameters, name);

    private static IReadOnlyDictionary<string, string> ValuesFor(IReadOnlyList<ContractParameter> parameters, string name)
    {
        var values = new Dictionary<string, string>();
        foreach (var parameter in parameters)
            if ((parameter.Examples.GetValueOrDefault(name) ?? parameter.Examples.GetValueOrDefault(FallbackExample)) is { } value)
                values[parameter.Name] = value;
        return values;
    }

    public ExampleBody? FindRequestExample(string name, BodyFormat format) =>
        RequestExamples.FirstOrDefault(e => e.Name == name && e.Format == format);

    /// <summary>The response example of that name in that format at the lowest status that documents it (its <see cref="ExampleBody.Status"/>).</summary>
    public ExampleBody? FindResponseExample(string name, BodyFormat format) =>
        Responses.SelectMany(r => r.Examples).FirstOrDefault(e => e.Name == name && e.Format == format);

    /// <summary>Every documented response example, in the contract's status order.</summary>
    public IEnumerable<ExampleBody> ResponseExamples => Responses.SelectMany(r => r.Examples);

    /// <summary>The example of that name documented for that status, in that format.</summary>
    public ExampleBody ResponseExample(int status, string name, BodyFormat format) =>
        Responses.FirstOrDefault(r => r.Status == status)?.Examples.FirstOrDefault(e => e.Name == name && e.Format == format)
        ?? throw new InvalidDataException($"{OperationId} documents no {format} example '{name}' for status {status}.");

    /// <summary>The first example documented for a status, in that format.</summary>
    public ExampleBody? FindResponseExample(int status, BodyFormat format) =>
        Responses.FirstOrDefault(r => r.Status == status)?.Examples.FirstOrDefault(e => e.Format == format);

    public ContractSchema RequestSchema(BodyFormat format) =>
        _requestSchema(format) ?? throw new InvalidOperationException($"{OperationId} has no {format} request body.");

    public ContractSchema ResponseSchema(int status, BodyFormat format = BodyFormat.Json) =>
        _responseSchema(status, format)
        ?? throw new InvalidOperationException($"{OperationId} documents no {format} body for status {status}.");

    private IReadOnlyList<ContractCase> BuildCases()
    {
        var cases = new List<ContractCase>();
        var seen = new HashSet<(string, BodyFormat)>();
        foreach (var response in Responses)
        {
            foreach (var example in response.Examples)
            {
                if (!seen.Add((example.Name, example.Format))) continue;
                var statuses = Responses
                    .Where(r => r.Examples.Any(e => e.Name == example.Name && e.Format == example.Format))
                    .Select(r => r.Status)
                    .ToArray();
                var pathValues = PathValuesFor(example.Name);
                var pathId = PathParameter is null ? null : pathValues.GetValueOrDefault(PathParameter);
                var body = HasRequestBody
                    ? FindRequestExample(example.Name, example.Format) ?? FindRequestExample(FallbackExample, example.Format)
                    : null;
                cases.Add(new ContractCase(this, example.Name, example.Format, statuses, pathId, body, example)
                {
                    PathValues = pathValues,
                    QueryValues = QueryValuesFor(example.Name),
                });
            }
        }
        return cases;
    }

    public override string ToString() => $"{Method} {PathTemplate} ({OperationId})";
}
