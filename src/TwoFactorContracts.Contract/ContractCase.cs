namespace TwoFactorContracts.Contract;

/// <summary>
/// One documented exchange: the request assembled from the parts named like the case (falling back to
/// <c>basic</c>) and the response example of that name. Id reads like <c>createApplication/basic/xml</c>.
/// </summary>
public sealed record ContractCase(
    ContractOperation Operation,
    string Name,
    BodyFormat Format,
    IReadOnlyList<int> Statuses,
    string? PathId,
    ExampleBody? RequestBody,
    ExampleBody ResponseExample)
{
    public string Id => $"{Operation.OperationId}/{Name}/{Format.Suffix()}";

    /// <summary>Every path parameter's value for this case (its example of the case's name, else <c>basic</c>).</summary>
    public IReadOnlyDictionary<string, string> PathValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The query parameters this case sends (its examples of the case's name, else <c>basic</c>); often none.</summary>
    public IReadOnlyDictionary<string, string> QueryValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The request path with the case's path parameters filled in.</summary>
    public string Path => Operation.PathFor(PathValues, PathId);

    /// <summary>The query string this case sends, <c>?ncNeeded=false</c>, or empty.</summary>
    public string Query => QueryValues.Count == 0
        ? ""
        : "?" + string.Join("&", QueryValues.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));

    /// <summary><see cref="Path"/> followed by <see cref="Query"/>: what to request.</summary>
    public string PathAndQuery => Path + Query;

    /// <summary>
    /// True when the documented answer comes from credentials or server state, not from the request; a 413
    /// too, since the body limit is the server's own and unknown to a client.
    /// </summary>
    public bool NeedsNoRequestCause => Statuses.All(s => s is 401 or 403 or 413 or 429 or >= 500);

    /// <summary>The method to send: the operation's, or for a 405 case one its path does not take.</summary>
    public string Method => Statuses.Contains(405) ? Operation.UntakenMethod : Operation.Method;

    /// <summary>For a 406 case, an <c>Accept</c> the API cannot write; otherwise null (the case's media type).</summary>
    public string? Accept => Statuses.Contains(406) ? UnwritableMediaType : null;

    /// <summary>For a 415 case, a body <c>Content-Type</c> the API cannot read; otherwise null (the case's media type).</summary>
    public string? ContentType => Statuses.Contains(415) ? UnreadableMediaType : null;

    /// <summary>True when the HTTP envelope (method, Accept, Content-Type) causes the documented answer.</summary>
    public bool CausedByEnvelope => Statuses.Any(s => s is 405 or 406 or 415);

    public const string UnwritableMediaType = "text/csv";
    public const string UnreadableMediaType = "text/plain";

    /// <summary>
    /// Who states this case's answer: its example's <c>x-source</c>, else its status's (null: unmarked). A case with
    /// several documented statuses (create: 200 or 201) rests on our decision only when every one of them does.
    /// </summary>
    public ContractSource? Source
    {
        get
        {
            var sources = Statuses.Select(s => Operation.Responses.FirstOrDefault(r => r.Status == s)?.SourceOf(Name, Format)).ToList();
            return sources.FirstOrDefault(s => s is not { IsOurs: true }) is { } stated && sources.Any(s => s is not null) ? stated : sources.FirstOrDefault();
        }
    }

    public bool ExpectsSuccess => Statuses.All(s => s is >= 200 and < 300);

    public override string ToString() => Id;
}
