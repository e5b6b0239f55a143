namespace TwoFactorContracts.Contract;

/// <summary>One operation of the contract with its named request and response examples.</summary>
public sealed class ContractOperation
{
    public const string FallbackExample = "basic";

    private readonly Func<int, BodyFormat, ContractSchema?> _responseSchema;
    private readonly Func<BodyFormat, ContractSchema?> _requestSchema;
    private readonly Lazy<IReadOnlyList<ContractCase>> _cases;

    internal ContractOperation(
        string operationId, string tag, string method, string pathTemplate, string? pathParameter,
        IReadOnlyDictionary<string, string> pathExamples, IReadOnlyList<ExampleBody> requestExamples,
        IReadOnlyList<ContractResponse> responses, Throttling? throttling,
        Func<BodyFormat, ContractSchema?> requestSchema, Func<int, BodyFormat, ContractSchema?> responseSchema)
    {
        Throttling = throttling;
        OperationId = operationId;
        Tag = tag;
        Method = method;
        PathTemplate = pathTemplate;
        PathParameter = pathParameter;
        PathExamples = pathExamples;
        RequestExamples = requestExamples;
        Responses = responses;
        _requestSchema = requestSchema;
        _responseSchema = responseSchema;
        _cases = new Lazy<IReadOnlyList<ContractCase>>(BuildCases);
    }

    public string OperationId { get; }

    /// <summary>The operation's (first) tag: <see cref="ContractDocument.ApplicationsTag"/>, <c>Message templates</c> or <c>PIN flow</c>.</summary>
    public string Tag { get; }

    /// <summary>Upper-case HTTP method.</summary>
    public string Method { get; }

    public string PathTemplate { get; }

    /// <summary>The name of the path parameter, or null for operations on the collection.</summary>
    public string? PathParameter { get; }

    /// <summary>Named examples of the path parameter (example name to value).</summary>
    public IReadOnlyDictionary<string, string> PathExamples { get; }

    public bool HasRequestBody => RequestExamples.Count > 0;

    public IReadOnlyList<ExampleBody> RequestExamples { get; }

    public IReadOnlyList<ContractResponse> Responses { get; }

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

    public string PathFor(string? pathId) =>
        PathParameter is null || pathId is null
            ? PathTemplate
            : PathTemplate.Replace("{" + PathParameter + "}", Uri.EscapeDataString(pathId), StringComparison.Ordinal);

    public ExampleBody? FindRequestExample(string name, BodyFormat format) =>
        RequestExamples.FirstOrDefault(e => e.Name == name && e.Format == format);

    /// <summary>The response example of that name in that format, with the lowest status that documents it.</summary>
    public (int Status, ExampleBody Body)? FindResponseExample(string name, BodyFormat format)
    {
        foreach (var response in Responses)
            foreach (var example in response.Examples)
                if (example.Name == name && example.Format == format)
                    return (response.Status, example);
        return null;
    }

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
                var pathId = PathParameter is null
                    ? null
                    : PathExamples.GetValueOrDefault(example.Name) ?? PathExamples.GetValueOrDefault(FallbackExample);
                var body = HasRequestBody
                    ? FindRequestExample(example.Name, example.Format) ?? FindRequestExample(FallbackExample, example.Format)
                    : null;
                cases.Add(new ContractCase(this, example.Name, example.Format, statuses, pathId, body, example));
            }
        }
        return cases;
    }

    public override string ToString() => $"{Method} {PathTemplate} ({OperationId})";
}
