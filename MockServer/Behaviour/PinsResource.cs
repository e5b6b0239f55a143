using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Flow.Templates;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// sendPinOverSms, sendPinOverVoice, resendPinOverSms, resendPinOverVoice, verifyPin: on the PIN engine
/// (<see cref="PinFlow"/>), with the application's configuration and template as the store holds them at that moment
/// (a send names the application, a resend or verify reaches it through its pinId).
/// </summary>
public sealed class PinsResource : IResourceBehaviour
{
    /// <summary>The query parameter that asks a send to look the number up first.</summary>
    public const string NcNeeded = "ncNeeded";

    private readonly PinFlow _engine;
    private readonly AccountLookups _lookups;
    private readonly TemplateShape _shape;
    private readonly FlowConfigurationReader _configuration;
    private readonly ModelField _applicationId, _messageId, _to, _from, _placeholders, _trackDelivery, _resendPlaceholders, _resendTrackDelivery, _pin;
    private readonly bool _resendLooksUp;

    /// <param name="resendLooksUp">Whether a send that leaves ncNeeded out looks the number up (the contract's default): a resend, which takes no ncNeeded, does the same.</param>
    public PinsResource(PinFlow engine, AccountLookups lookups, FieldModel templates, FieldModel send, FieldModel resend,
        FieldModel verify, bool resendLooksUp)
    {
        const string placeholders = "placeholders", trackDelivery = "trackDelivery";
        _engine = engine;
        _lookups = lookups;
        _shape = new TemplateShape(templates);
        _configuration = new FlowConfigurationReader(lookups.Applications);
        _applicationId = send.Field("applicationId");
        _messageId = send.Field("messageId");
        _to = send.Field("to");
        _from = send.Field("from");
        _placeholders = send.Field(placeholders);
        _trackDelivery = send.Field(trackDelivery);
        _resendPlaceholders = resend.Field(placeholders);
        _resendTrackDelivery = resend.Field(trackDelivery);
        _pin = verify.Field("pin");
        _resendLooksUp = resendLooksUp;
    }

    public ValueTask<Reply> AnswerAsync(Call call, CancellationToken cancellationToken = default)
    {
        var operation = call.Operation;
        if (operation == Operation.SendPinOverSms || operation == Operation.SendPinOverVoice) return SendAsync(call, cancellationToken);
        if (operation == Operation.ResendPinOverSms || operation == Operation.ResendPinOverVoice) return ResendAsync(call, cancellationToken);
        return VerifyAsync(call, cancellationToken);
    }

    private async ValueTask<Reply> SendAsync(Call call, CancellationToken cancellationToken)
    {
        var body = call.Body!;
        var (application, error) = await AccountLookups.ApplicationAsync(call, body[_applicationId].Text!, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        if (_lookups.TemplateOf(call.Account, application, body[_messageId].Text!) is not { IsEmpty: false } template) return FlowError.TemplateNotFound;
        var request = new PinMessageRequest(body[_to].Text!, body[_from].Text, Placeholders(body[_placeholders]),
            ChannelOf(call.Operation), call.Query.Flag(NcNeeded) ?? false, Flag(body, _trackDelivery));
        return Sent(_engine.Send(call.Account, _configuration.Read(application), _shape.Read(template), request));
    }

    private async ValueTask<Reply> ResendAsync(Call call, CancellationToken cancellationToken)
    {
        var pinId = call.Route.ItemId!;
        if (_engine.Find(call.Account, pinId) is not { } pin) return FlowError.PinNotFound;
        var (application, error) = await AccountLookups.ApplicationAsync(call, pin.ApplicationId, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        if (_lookups.TemplateOf(call.Account, application, pin.MessageId) is not { IsEmpty: false } template) return FlowError.TemplateNotFound;
        var placeholders = call.Body is { } body ? Placeholders(body[_resendPlaceholders]) : null;
        var request = new PinMessageRequest(pin.To, null, placeholders, ChannelOf(call.Operation), _resendLooksUp,
            call.Body is { } tracked && Flag(tracked, _resendTrackDelivery));
        return Sent(_engine.Resend(call.Account, pinId, _configuration.Read(application), _shape.Read(template), request));
    }

    private async ValueTask<Reply> VerifyAsync(Call call, CancellationToken cancellationToken)
    {
        var pinId = call.Route.ItemId!;
        if (_engine.Find(call.Account, pinId) is not { } pin) return FlowError.PinNotFound;
        var (application, error) = await AccountLookups.ApplicationAsync(call, pin.ApplicationId, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        var answer = _engine.Verify(call.Account, pinId, _configuration.Read(application), call.Body![_pin].Text!);
        return answer.Error is { } refused ? refused : new Reply(Verification: answer.Value);
    }

    private static Reply Sent(FlowAnswer<PinSent> answer) => answer.Error is { } refused ? refused : new Reply(Sent: answer.Value);

    private static PinChannel ChannelOf(Operation operation) =>
        operation == Operation.SendPinOverVoice || operation == Operation.ResendPinOverVoice ? PinChannel.Voice : PinChannel.Sms;

    /// <summary>A boolean of the body: as sent, else the contract's default (trackDelivery's is false).</summary>
    private static bool Flag(ParsedBody body, ModelField field) =>
        (body[field] is { Present: true } sent ? sent : field.Default) is { Present: true, Number: not 0 };

    private static Dictionary<string, string>? Placeholders(FieldValue value)
    {
        if (value.Entries is not { } entries) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in entries) map[name] = text;
        return map;
    }
}
