using TwoFactorContracts.MockServer.Behaviour;
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

/// <summary>
/// Runs a request through the stages in the Prism order: route, check credentials (and forbidden ones),
/// throttle, negotiate media types, (Prefer), read input, validate, answer from examples or state, render.
/// Documented cases and Prefer are answered before this by the contract's stubs in WireMock
/// (Examples/CaseMappings); what reaches the pipeline in examples mode is what no stub matched. Each stage lives in its own folder
/// and answers with its own error type; this class only sequences them. Runs synchronously when nothing
/// awaits (the hot path): the behaviour's tasks complete at once.
/// </summary>
public sealed class RequestPipeline(
    CredentialCheck credentials,
    Func<Credential, IApplicationBehaviour> behaviourFor,
    ResponseRenderer renderer,
    XmlApplicationReader xmlReader,
    Model.ApplicationModel model,
    PipelineSettings settings,
    PreferCheck? preferCheck = null,
    ForbiddenCredentials? forbiddenCredentials = null,
    RequestThrottle? throttle = null,
    FlowPipeline? flow = null)
{
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
        var hasBodyType = false;
        if (request.ContentType is not null && ContentNegotiator.TryReadContentType(request.ContentType, out var readType))
        {
            hasBodyType = true;
            bodyType = readType;
        }
        var responseType = ContentNegotiator.ChooseResponse(request.Accept, IsBodyMethod(request.Method) ? bodyType : null);
        var errorType = responseType ?? MediaType.Json;

        // 1. Routing
        if (!Router.TryMatch(request.Method, request.Path, out var route, out var routingError))
            return Done(renderer.Error(routingError!, errorType));

        // 2. Credentials
        if (!credentials.TryCheck(request.Authorization, out var credential, out var credentialsError))
            return Done(renderer.Error(credentialsError!, errorType));
        request.MaskedCredential = credential.Masked;
        if (Refusal(credential, route.Operation, out var retryAfter) is { } refusal)
            return Done(renderer.Error(refusal, errorType) with { Header = retryAfter });

        // 3. Negotiation
        if (responseType is null) return Done(renderer.Error(NegotiationError.NotAcceptable, errorType));
        var type = responseType.Value;
        var hasBody = Operations.HasBody(route.Operation);
        if (hasBody && request.ContentType is null) return Done(renderer.Error(NegotiationError.MissingContentType, type));
        if (hasBody && !hasBodyType) return Done(renderer.Error(NegotiationError.UnsupportedContentType(request.ContentType!), type));

        // Prefer: the contract's Prefer stubs in WireMock answer it; a request here matched none of them.
        if (request.Prefer is not null && preferCheck is not null
            && preferCheck.TryExplain(route.Operation, request.Prefer, type, out var preferError))
            return Done(preferError);

        // The templates and the PIN flow: the same stages from here, after the applications' (their hot path stays as it was).
        if (!Operations.IsApplicationOperation(route.Operation))
            return flow is null
                ? Done(renderer.Error(RoutingError.NotFound, type))
                : flow.AnswerAsync(request, route, credential, behaviourFor(credential), bodyType, type, cancellationToken);

        // 4. Input and 5. validation
        ParsedApplication? body = null;
        if (hasBody)
        {
            if (request.BodyTooLarge) return Done(renderer.Error(InputError.TooLarge(settings.MaxBodyBytes), type));
            if (request.BodyIncomplete) return Done(renderer.Error(InputError.Incomplete, type));
            ParsedApplication parsed;
            InputError? inputError;
            var read = bodyType == MediaType.Xml
                ? xmlReader.TryRead(request.Body, out parsed, out inputError)
                : JsonApplicationReader.TryRead(model, request.Body.Span, out parsed, out inputError);
            if (!read) return Done(renderer.Error(inputError!, type));

            if (!ApplicationValidator.TryValidate(parsed, settings.Validation, out var validationError))
                return Done(renderer.Error(validationError!, type));
            body = parsed;
        }

        // 6. Behaviour, 7. responses
        var behaviour = behaviourFor(credential);
        var (answer, status) = route.Operation switch
        {
            Operation.ListApplications => (behaviour.ListAsync(cancellationToken), 200),
            Operation.CreateApplication => (behaviour.CreateAsync(body!, cancellationToken), settings.CreateStatus),
            Operation.GetApplication => (behaviour.GetAsync(route.ApplicationId!, cancellationToken), 200),
            _ => (behaviour.UpdateAsync(body!, route.ApplicationId!, cancellationToken), 200),
        };
        var kept = route.Operation == Operation.GetApplication;
        return answer.IsCompletedSuccessfully ? Done(renderer.Answer(status, answer.Result, type, kept)) : RenderAsync(answer, status, type, kept);
    }

    /// <summary>
    /// For a request the contract's stubs in WireMock would answer (examples mode, Prefer): whether the stages that
    /// come before any answer (a forbidden credential, throttling) refuse it. Admitted, it has taken its place in
    /// the budget and the stub answers; refused, the pipeline answers it (refusing it again takes no budget).
    /// A request that cannot be routed or carries no valid credential is the stubs' to answer (their 404 and 401 cases).
    /// </summary>
    public bool RefusesBeforeStubs(string method, string path, string? authorization) =>
        (forbiddenCredentials is not null || throttle is not null)
        && Router.TryMatch(method, path, out var route, out _)
        && credentials.TryCheck(authorization, out var credential, out _)
        && Refusal(credential, route.Operation, out _) is not null;

    /// <summary>
    /// The stages between credentials and everything else, in their order: a forbidden credential (403), then
    /// throttling (429; every request with valid credentials counts, whatever comes of it). Null: admitted.
    /// </summary>
    private StageError? Refusal(Credential credential, Operation operation, out KeyValuePair<string, string>? retryAfter)
    {
        retryAfter = null;
        if (forbiddenCredentials is not null && forbiddenCredentials.Forbids(credential)) return forbiddenCredentials.Error;
        return throttle is not null && !throttle.TryAdmit(credential.Account, operation, out retryAfter) ? throttle.Error : null;
    }

    /// <summary>The 500 answer for a defect in the mock itself (GENERAL_ERROR, as the real API words it).</summary>
    public ApiResponse GeneralError() => renderer.Error(Pipeline.GeneralError.Instance, MediaType.Json);

    /// <summary>Another stage's error (the HTTP edge's, Edge/EdgeGuard) in this pipeline's envelope and XML names.</summary>
    public ApiResponse Error(StageError error, MediaType type) => renderer.Error(error, type);

    private async ValueTask<ApiResponse> RenderAsync(ValueTask<BehaviourAnswer> answer, int status, MediaType type, bool read) =>
        renderer.Answer(status, await answer.ConfigureAwait(false), type, read);

    private static ValueTask<ApiResponse> Done(ApiResponse response) => new(response);

    private static bool IsBodyMethod(string method) =>
        string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) || string.Equals(method, "PUT", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A defect in the mock: 500 in the API's envelope.</summary>
public sealed class GeneralError : StageError
{
    private GeneralError() : base(500, "GENERAL_ERROR", "Something went wrong. Please contact support.") { }

    public static readonly GeneralError Instance = new();
}

/// <summary>The pipeline's fixed settings.</summary>
public sealed record PipelineSettings(int MaxBodyBytes, int CreateStatus, IFault? Fault)
{
    /// <summary>What validation accepts beyond the contract's formats (the flavour's).</summary>
    public ValidationRules Validation { get; init; } = ValidationRules.Seed;
}
