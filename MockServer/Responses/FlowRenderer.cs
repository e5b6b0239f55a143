using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Negotiation;

namespace TwoFactorContracts.MockServer.Responses;

/// <summary>
/// Turns the flow's replies into bodies of the negotiated media type: templates through the field model's
/// writers (a renderer over the template model per template operation, whose XML roots are the contract's for that
/// operation), the PIN flow's answers through <see cref="FlowBodies"/>, errors in the API's envelope like every stage's.
/// </summary>
public sealed class FlowRenderer(ResponseRenderer errors, IReadOnlyDictionary<Operation, ResponseRenderer> templates, FlowBodies bodies)
{
    public ApiResponse Answer(Operation operation, FlowReply reply, MediaType type)
    {
        if (reply.Error is { } error) return errors.Error(error, type);
        if (reply.Documented is { } documented)
            return documented.In(type) is { } example ? new(200, type, example.Utf8) : errors.Error(NegotiationError.NotAcceptable, type);
        if (reply.Templates is { } list) return TemplatesOf(operation).List(list, type);
        if (!reply.Template.IsEmpty) return TemplatesOf(operation).Application(200, reply.Template, type);
        var xml = type == MediaType.Xml;
        if (reply.Sent is { } sent) return new(200, type, xml ? bodies.SentXml(sent) : bodies.SentJson(sent));
        if (reply.Verification is { } verification) return new(200, type, xml ? bodies.VerificationXml(verification) : bodies.VerificationJson(verification));
        var verifications = reply.Verifications ?? [];
        return new(200, type, xml ? bodies.StatusXml(verifications) : bodies.StatusJson(verifications));
    }

    public ApiResponse Error(StageError error, MediaType type) => errors.Error(error, type);

    private ResponseRenderer TemplatesOf(Operation operation) =>
        templates.TryGetValue(operation, out var renderer) ? renderer : throw new ArgumentException($"{operation} answers no template.", nameof(operation));
}
