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

    /// <summary>The request path with the case's path parameter filled in.</summary>
    public string Path => Operation.PathFor(PathId);

    /// <summary>True when the documented answer comes from credentials or server state, not from the request.</summary>
    public bool NeedsNoRequestCause => Statuses.All(s => s is 401 or 403 or 429 or >= 500);

    public bool ExpectsSuccess => Statuses.All(s => s is >= 200 and < 300);

    public override string ToString() => Id;
}
