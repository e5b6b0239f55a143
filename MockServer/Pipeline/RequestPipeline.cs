using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Faults;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.Routing;
using TwoFactorContracts.MockServer.Throttling;
using TwoFactorContracts.MockServer.Validation;

namespace TwoFactorContracts.MockServer.Pipeline;

/// <summary>What the pipeline is composed of: one of each stage, and the behaviour of every operation's resource.</summary>
/// <param name="ApplicationsOf">The account's applications (null in examples mode, where no resource reads state).</param>
/// <param name="Resources">The resource that answers each operation.</param>
public sealed record PipelineStages(
    Router Routes,
    CredentialCheck Credentials,
    Func<Credential, IApplicationBehaviour?> ApplicationsOf,
    IReadOnlyDictionary<Operation, IResourceBehaviour> Resources,
    RequestBodies Bodies,
    QueryReader Query,
    ResponseRenderer Renderer,
    PreferCheck? Prefer = null,
    ForbiddenCredentials? Forbidden = null,
    RequestThrottle? Throttle = null);

/// <summary>
/// Runs every request through the same stages, in the Prism order: route, check credentials (and forbidden ones),
/// throttle, negotiate media types, (Prefer), read the body, validate it, read the query, answer from the operation's
/// resource, render. Documented cases and Prefer are answered before this by the contract's stubs in WireMock
/// (Examples/CaseMappings); what reaches the pipeline in examples mode is what no stub matched. Each stage lives in its
/// own folder and answers with its own error type; this class only sequences them. Runs synchronously when nothing
/// awaits (the hot path): the applications' answers complete at once.
/// </summary>
public sealed class RequestPipeline(PipelineStages stages, PipelineSettings settings)
{
    private readonly IResourceBehaviour?[] _resources = ByIndex(stages.Resources);
    private readonly ResponseRenderer _renderer = stages.Renderer;

    public ValueTask<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default) =>
        settings.Fault is null ? Answer(request, cancellationToken) : AnswerAfterFaultAsync(request, cancellationToken);

    private async ValueTask<ApiResponse> AnswerAfterFaultAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        await settings.Fault!.ApplyAsync(cancellationToken).ConfigureAwait(false);
        return await Answer(request, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<ApiResponse> Answer(ApiRequest request, CancellationToken cancellationToken)
    {
        // Negotiate first so every error, even a routing one, comes in the media type the client reads.
        MediaType? bodyType = null;
        if (request.ContentType is not null && ContentNegotiator.TryReadContentType(request.ContentType, out var readType)) bodyType = readType;
        var responseType = ContentNegotiator.ChooseResponse(request.Accept, IsBodyMethod(request.Method) ? bodyType : null);
        var errorType = responseType ?? MediaType.Json;

        // 1. Routing
        if (!stages.Routes.TryMatch(request.Method, request.Path, out var route, out var routingError))
            return Done(_renderer.Error(routingError, errorType));
        var operation = route.Operation;

        // 2. Credentials, then what refuses before any answer (a forbidden credential, throttling)
        if (!stages.Credentials.TryCheck(request.Authorization, out var credential, out var credentialsError))
            return Done(_renderer.Error(credentialsError, errorType));
        request.MaskedCredential = credential.Masked;
        if (!request.AdmittedBeforeStubs && Refusal(credential, operation, out var retryAfter) is { } refusal)
            return Done(_renderer.Error(refusal, errorType) with { Header = retryAfter });

        // 3. Negotiation
        if (responseType is null) return Done(_renderer.Error(NegotiationError.NotAcceptable, errorType));
        var type = responseType.Value;
        var body = stages.Bodies.Of(operation);
        var sendsBody = body is not null && (body.Required || !request.Body.IsEmpty || request.BodyTooLarge);
        if (sendsBody && request.ContentType is null) return Done(_renderer.Error(NegotiationError.MissingContentType, type));
        if (sendsBody && bodyType is null) return Done(_renderer.Error(NegotiationError.UnsupportedContentType(request.ContentType!), type));

        // Prefer: the contract's Prefer stubs in WireMock answer it, and a request here matched none of them; with no
        // stubs in front (the in-process handler) this stage answers the documented example the stub would.
        if (request.Prefer is not null && stages.Prefer is { } prefer)
        {
            if (!settings.AnswersPrefer)
            {
                if (prefer.TryExplain(operation, request.Prefer, type, out var preferError)) return Done(_renderer.Error(preferError, type));
            }
            else if (prefer.TryAnswer(operation, request.Prefer, type, out var documented, out var notDocumented))
            {
                return Done(documented is not null
                    ? _renderer.Answer(operation, documented.Status, new Reply(Documented: documented), type)
                    : _renderer.Error(notDocumented!, type));
            }
        }

        // 4. Input and 5. validation
        ParsedBody? parsed = null;
        if (sendsBody)
        {
            if (request.BodyTooLarge) return Done(_renderer.Error(InputError.TooLarge(settings.MaxBodyBytes), type));
            if (request.BodyIncomplete) return Done(_renderer.Error(InputError.Incomplete, type));
            InputError? inputError;
            var read = bodyType == MediaType.Xml
                ? body!.Xml.TryRead(request.Body, out parsed, out inputError)
                : JsonBodyReader.TryRead(body!.Model, request.Body.Span, out parsed, out inputError);
            if (!read) return Done(_renderer.Error(inputError!, type));
            if (!BodyValidator.TryValidate(parsed, settings.Validation, out var validationError))
                return Done(_renderer.Error(validationError, type));
        }
        if (!stages.Query.TryRead(operation, request.Query, out var query, out var queryError))
            return Done(_renderer.Error(queryError, type));

        // 6. Behaviour, 7. responses
        if (operation.Index >= _resources.Length || _resources[operation.Index] is not { } resource)
            return Done(_renderer.Error(RoutingError.NotFound, type));
        var status = operation == Operation.CreateApplication ? settings.CreateStatus : 200;
        var answer = resource.AnswerAsync(new Call(operation, route, credential.Account, stages.ApplicationsOf(credential), parsed, query), cancellationToken);
        return answer.IsCompletedSuccessfully
            ? Done(_renderer.Answer(operation, status, answer.Result, type))
            : RenderAsync(answer, operation, status, type);
    }

    /// <summary>
    /// For a request the contract's stubs in WireMock would answer (examples mode, Prefer): whether the stages that
    /// come before any answer (a forbidden credential, throttling) refuse it. Admitted (<paramref name="admitted"/>), it
    /// has taken its place in the budget and is not charged again (<see cref="ApiRequest.AdmittedBeforeStubs"/>), whoever
    /// answers it; refused, the pipeline answers it. A request that cannot be routed or carries no valid credential is
    /// the stubs' to answer (their 404 and 401 cases).
    /// </summary>
    public bool RefusesBeforeStubs(string method, string path, string? authorization, out bool admitted)
    {
        admitted = false;
        if ((stages.Forbidden is null && stages.Throttle is null)
            || !stages.Routes.TryMatch(method, path, out var route, out _)
            || !stages.Credentials.TryCheck(authorization, out var credential, out _))
            return false;
        admitted = Refusal(credential, route.Operation, out _) is null;
        return !admitted;
    }

    /// <summary>
    /// The stages between credentials and everything else, in their order: a forbidden credential (403), then
    /// throttling (429; every request with valid credentials counts, whatever comes of it). Null: admitted.
    /// </summary>
    private StageError? Refusal(Credential credential, Operation operation, out KeyValuePair<string, string>? retryAfter)
    {
        retryAfter = null;
        if (stages.Forbidden is { } forbidden && forbidden.Forbids(credential)) return forbidden.Error;
        return stages.Throttle is { } throttle && !throttle.TryAdmit(credential.Account, operation, out retryAfter) ? throttle.Error : null;
    }

    /// <summary>The 500 answer for a defect in the mock itself (GENERAL_ERROR, as the real API words it).</summary>
    public ApiResponse GeneralError() => _renderer.Error(Core.GeneralError.Instance, MediaType.Json);

    /// <summary>Another stage's error (the HTTP edge's, Edge/EdgeGuard) in this pipeline's envelope and XML names.</summary>
    public ApiResponse Error(StageError error, MediaType type) => _renderer.Error(error, type);

    private async ValueTask<ApiResponse> RenderAsync(ValueTask<Reply> answer, Operation operation, int status, MediaType type) =>
        _renderer.Answer(operation, status, await answer.ConfigureAwait(false), type);

    private static ValueTask<ApiResponse> Done(ApiResponse response) => new(response);

    /// <summary>Each operation's resource in the slot of its index (the hot path reads an array, not a dictionary).</summary>
    private static IResourceBehaviour?[] ByIndex(IReadOnlyDictionary<Operation, IResourceBehaviour> resources)
    {
        var slots = new IResourceBehaviour?[Operation.Count];
        foreach (var (operation, resource) in resources) slots[operation.Index] = resource;
        return slots;
    }

    private static bool IsBodyMethod(string method) =>
        string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) || string.Equals(method, "PUT", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The pipeline's fixed settings.</summary>
public sealed record PipelineSettings(int MaxBodyBytes, int CreateStatus, IFault? Fault)
{
    /// <summary>
    /// Whether the pipeline answers <c>Prefer</c> with the documented example itself: true when no WireMock stubs stand in
    /// front of it (the in-process handler); false in the hosted mock, where the contract's Prefer stubs answer it.
    /// </summary>
    public bool AnswersPrefer { get; init; }

    /// <summary>What validation accepts beyond the contract's formats (the flavour's).</summary>
    public ValidationRules Validation { get; init; } = ValidationRules.Seed;
}
