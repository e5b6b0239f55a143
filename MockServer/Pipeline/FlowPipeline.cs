using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.Validation;
using Route = TwoFactorContracts.MockServer.Core.Route;

namespace TwoFactorContracts.MockServer.Pipeline;

/// <summary>
/// The stages after negotiation for the message templates and the PIN flow, in the same order as the
/// applications' (<see cref="RequestPipeline"/> routes, checks credentials, throttles and negotiates first, then
/// hands these operations here, after its own): read the body with the operation's field model (a resend's body
/// is optional), validate it, read the query, answer from the flow's behaviour, render.
/// </summary>
public sealed class FlowPipeline(FlowBodyModels models, IFlowBehaviour behaviour, FlowRenderer renderer, PipelineSettings settings)
{
    public async ValueTask<ApiResponse> AnswerAsync(ApiRequest request, Route route, Credential credential, IApplicationBehaviour applications,
        MediaType? bodyType, MediaType type, CancellationToken cancellationToken)
    {
        var operation = route.Operation;

        // 4. Input and 5. validation
        ParsedApplication? body = null;
        if (Operations.HasBody(operation) || (Operations.TakesOptionalBody(operation) && (!request.Body.IsEmpty || request.BodyTooLarge)))
        {
            if (request.BodyTooLarge) return renderer.Error(InputError.TooLarge(settings.MaxBodyBytes), type);
            if (request.BodyIncomplete) return renderer.Error(InputError.Incomplete, type);
            if (request.ContentType is null) return renderer.Error(NegotiationError.MissingContentType, type);
            if (bodyType is null) return renderer.Error(NegotiationError.UnsupportedContentType(request.ContentType), type);
            var (model, xmlReader) = models.BodyOf(operation);
            ParsedApplication parsed;
            InputError? inputError;
            var read = bodyType == MediaType.Xml
                ? xmlReader.TryRead(request.Body, out parsed, out inputError)
                : JsonApplicationReader.TryRead(model, request.Body.Span, out parsed, out inputError);
            if (!read) return renderer.Error(inputError!, type);
            if (!ApplicationValidator.TryValidate(parsed, settings.Validation, out var validationError))
                return renderer.Error(validationError!, type);
            body = parsed;
        }
        if (!FlowQuery.TryRead(operation, request.Query, models.RequiredQueryOf(operation), out var query, out var queryError, models.NcNeededDefault))
            return renderer.Error(queryError!, type);

        // 6. Behaviour, 7. responses
        var reply = await behaviour.AnswerAsync(new FlowCall(operation, route, credential.Account, applications, body, query), cancellationToken)
            .ConfigureAwait(false);
        return renderer.Answer(operation, reply, type);
    }
}
