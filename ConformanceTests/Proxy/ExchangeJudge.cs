using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// The target's answer as it passed the proxy: the body decoded (Content-Encoding undone) as far as it was kept, or
/// <see cref="NotValidated"/> saying why it is not judged (too large, an encoding the proxy cannot undo).
/// </summary>
public sealed record ProxiedAnswer(int Status, string? ContentType, string? ContentEncoding, string Body, long BodyBytes, string? NotValidated);

/// <summary>Texts the reports share.</summary>
public static class ProxyVerdicts
{
    public const string TooLarge = "not validated: too large";
    public const string NotInContract = "not in the contract";
    public const string Encoded = "not validated: encoded";
}

/// <summary>One exchange as judged: where it landed, every verdict (request and answer, masked), and why it was not judged.</summary>
public sealed record JudgedExchange(
    DateTimeOffset Time,
    string? Operation,
    string Method,
    string Path,
    int? Status,
    string? MediaType,
    double LatencyMs,
    string CellId,
    IReadOnlyList<CheckVerdict> Verdicts)
{
    /// <summary>Why the answer's body was not judged (too large, an encoding the proxy cannot undo), if it was not.</summary>
    public string? NotValidated { get; init; }

    public bool NotInContract { get; init; }

    /// <summary>The target could not be reached or did not answer in time: the proxy answered itself (502/504).</summary>
    public string? TargetFailure { get; init; }

    public IEnumerable<CheckVerdict> Violations => Verdicts.Where(v => v.Failed);

    public IEnumerable<CheckVerdict> Accepted => Verdicts.Where(v => v.Outcome == Outcome.Accepted);

    public int ViolationCount => Verdicts.Count(v => v.Failed);
}

/// <summary>
/// The proxy's one validator: a request through <see cref="RequestCheckSet"/>, its answer through <c>tfc verify</c>'s
/// checks (<see cref="CheckSet"/>, reviewed by the same profile, <see cref="AnswerReview"/>), against an expectation
/// worked out from the contract and the request the way the runner works it out for a case.
/// </summary>
public sealed class ExchangeJudge(ContractDocument contract, TargetProfile profile, ConformanceMode mode)
{
    private readonly ContractRoutes _routes = new(contract);

    public ContractDocument Contract { get; } = contract;

    public TargetProfile Profile { get; } = profile;

    public JudgedExchange Judge(ProxiedRequest request, ProxiedAnswer? answer, string? targetFailure, TimeSpan elapsed, CredentialMask mask,
        DateTimeOffset? time = null)
    {
        var route = _routes.Match(request.Method, request.Path);
        var at = time ?? DateTimeOffset.UtcNow;
        var path = mask.Apply(request.PathAndQuery);
        var media = answer?.ContentType?.Split(';')[0].Trim();
        if (route.NotInContract)
            return new JudgedExchange(at, null, request.Method, path, answer?.Status, media, elapsed.TotalMilliseconds, ProxyVerdicts.NotInContract, [])
            {
                NotInContract = true,
                TargetFailure = targetFailure,
            };
        var operation = route.Operation ?? route.PathOperations[0];
        var requestVerdicts = RequestCheckSet.Run(new RequestContext(request, route, Profile));
        if (answer is null)
            return new JudgedExchange(at, operation.OperationId, request.Method, path, null, null, elapsed.TotalMilliseconds,
                $"{operation.OperationId}/target-failure", Masked(Accepting(requestVerdicts, $"{operation.OperationId}/target-failure"), mask))
            {
                TargetFailure = targetFailure ?? "no answer",
            };

        var format = FormatOf(answer, request);
        var cell = $"{operation.OperationId}/{answer.Status}/{format?.Suffix() ?? "other"}";
        requestVerdicts = Masked(Accepting(requestVerdicts, cell), mask);

        var expected = Expect(operation, route, request, requestVerdicts, answer.Status);
        var exchange = new Exchange(
            new PlannedRequest(request.Method, request.PathAndQuery, expected.Format, request.HasBody ? request.Body : null,
                WithCredentials: request.Authorization is not null, Accept: request.Accept, ContentType: request.ContentType),
            answer.Status, answer.ContentType, answer.Body, null, elapsed);
        var context = new CheckContext(operation, exchange, expected, mode, Profile);
        var notValidated = answer.NotValidated;
        // A body that was not kept whole is not judged: only what needs no body (status, media type).
        var answerVerdicts = notValidated is null
            ? AnswerReview.Judge(cell, context, mask)
            : AnswerReview.Review(cell, context, [CheckSet.Guarded(CheckSet.Named("status"), context), CheckSet.Guarded(CheckSet.Named("content-type"), context)], mask);
        return new JudgedExchange(at, operation.OperationId, request.Method, path, answer.Status, media, elapsed.TotalMilliseconds, cell,
            [.. requestVerdicts, .. answerVerdicts])
        {
            NotValidated = notValidated,
        };
    }

    /// <summary>The answer's format when it is one the API speaks, else the one asked for.</summary>
    private static BodyFormat? FormatOf(ProxiedAnswer answer, ProxiedRequest request) =>
        BodyFormats.FromMediaType(answer.ContentType) ?? (answer.ContentType is null ? request.AnswerFormat : null);

    /// <summary>
    /// What the answer must be, as the runner says it of a case: a method the path does not take, a media type the
    /// API does not speak, no credentials: the documented refusal (405, 415, 406, 401); a request that breaks the
    /// contract otherwise: a documented refusal (4xx or above); else any documented status. An error answer carries the
    /// messageId every documented example of its status agrees on.
    /// </summary>
    private Expectation Expect(ContractOperation operation, RouteMatch route, ProxiedRequest request, IReadOnlyList<CheckVerdict> requestVerdicts, int status)
    {
        var documented = operation.Responses.Select(r => r.Status).ToList();
        bool Broke(string check) => requestVerdicts.Any(v => v.Check == check && v.Failed);
        int[] refusal = route.Operation is null ? [405]
            : request.HasBody && operation.HasRequestBody && BodyFormats.FromMediaType(request.ContentType) is null ? [415]
            : request.AcceptsNothingWritten ? [406]
            : Broke("request-credentials") ? [401]
            : [];
        refusal = [.. refusal.Where(documented.Contains)];
        var format = refusal.Contains(406) ? BodyFormat.Json : request.AnswerFormat;
        Expectation expected;
        if (refusal.Length > 0)
            expected = new Expectation(refusal, format) { Decision = OurDecisions.Behind(operation, refusal[0]) };
        else if ((Broke("request-body") || Broke("request-parameters")) && documented.Where(s => s >= 400).ToList() is { Count: > 0 } refusals)
            expected = new Expectation(refusals, format);
        else
            expected = new Expectation(documented, format);
        return status >= 400 && ErrorEnvelope.AgreedMessageId(operation, status) is { } id
            ? expected.With(new ExpectedError(id, null))
            : expected;
    }

    /// <summary>A request check's failure the profile accepts on this cell (an <c>accept</c> entry, as a baseline writes).</summary>
    private IReadOnlyList<CheckVerdict> Accepting(IReadOnlyList<CheckVerdict> verdicts, string cell) =>
        [.. verdicts.Select(v => v.Failed && Profile.Deviations.FirstOrDefault(d => d.Accept is { } a && a.Check == v.Check && Deviation.Covers(a.Cases, cell)) is { } entry
            ? v with { Outcome = Outcome.Accepted, Reason = $"{entry.Reason} (contract: {v.Reason})", Deviation = entry.Id }
            : v)];

    private static IReadOnlyList<CheckVerdict> Masked(IReadOnlyList<CheckVerdict> verdicts, CredentialMask mask) =>
        [.. verdicts.Select(v => v with
        {
            Reason = mask.Apply(v.Reason),
            Expected = v.Expected is null ? null : mask.Apply(v.Expected),
            Received = v.Received is null ? null : mask.Apply(v.Received),
        })];
}
