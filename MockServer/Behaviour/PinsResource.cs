using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Flow.Templates;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// sendPinOverSms, sendPinOverVoice, sendPinOverEmail, resendPinOverSms, resendPinOverVoice, resendPinOverEmail,
/// verifyPin: on the PIN engine
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
    private readonly SendFields _send, _emailSend;
    private readonly ModelField _resendPlaceholders, _emailResendPlaceholders, _pin;
    private readonly ModelField? _resendTrackDelivery;
    private readonly bool _resendLooksUp;

    /// <summary>The fields of a send request the engine reads (the SMS and voice send's, or the email send's).</summary>
    /// <param name="TrackDelivery">Null where the request takes no trackDelivery (an email send).</param>
    private sealed record SendFields(ModelField ApplicationId, ModelField MessageId, ModelField To, ModelField From, ModelField Placeholders,
        ModelField? TrackDelivery)
    {
        public static SendFields Of(FieldModel send) =>
            new(send.Field("applicationId"), send.Field("messageId"), send.Field("to"), send.Field("from"), send.Field(PlaceholdersField),
                send.Fields.FirstOrDefault(f => f.Path == TrackDeliveryField));
    }

    private const string PlaceholdersField = "placeholders", TrackDeliveryField = "trackDelivery";

    /// <param name="resendLooksUp">Whether a send that leaves ncNeeded out looks the number up (the contract's default): a resend, which takes no ncNeeded, does the same.</param>
    /// <param name="email">The email send's and resend's request models.</param>
    public PinsResource(PinFlow engine, AccountLookups lookups, TemplateShape templates, FieldModel send, FieldModel resend,
        (FieldModel Send, FieldModel Resend) email, FieldModel verify, bool resendLooksUp)
    {
        _engine = engine;
        _lookups = lookups;
        _shape = templates;
        _configuration = new FlowConfigurationReader(lookups.Applications);
        _send = SendFields.Of(send);
        _emailSend = SendFields.Of(email.Send);
        _resendPlaceholders = resend.Field(PlaceholdersField);
        _resendTrackDelivery = resend.Fields.FirstOrDefault(f => f.Path == TrackDeliveryField);
        _emailResendPlaceholders = email.Resend.Field(PlaceholdersField);
        _pin = verify.Field("pin");
        _resendLooksUp = resendLooksUp;
    }

    public ValueTask<Reply> AnswerAsync(Call call, CancellationToken cancellationToken = default)
    {
        var operation = call.Operation;
        if (operation == Operation.SendPinOverSms || operation == Operation.SendPinOverVoice || operation == Operation.SendPinOverEmail)
            return SendAsync(call, cancellationToken);
        if (operation == Operation.ResendPinOverSms || operation == Operation.ResendPinOverVoice || operation == Operation.ResendPinOverEmail)
            return ResendAsync(call, cancellationToken);
        return VerifyAsync(call, cancellationToken);
    }

    private async ValueTask<Reply> SendAsync(Call call, CancellationToken cancellationToken)
    {
        var body = call.Body!;
        var fields = call.Operation == Operation.SendPinOverEmail ? _emailSend : _send;
        var (application, error) = await AccountLookups.ApplicationAsync(call, body[fields.ApplicationId].Text!, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        if (_lookups.TemplateOf(call.Account, application, body[fields.MessageId].Text!) is not { IsEmpty: false } template) return FlowError.TemplateNotFound;
        var request = new PinMessageRequest(body[fields.To].Text!, body[fields.From].Text, Placeholders(body[fields.Placeholders]),
            ChannelOf(call.Operation), call.Query.Flag(NcNeeded) ?? false, Flag(body, fields.TrackDelivery));
        return Sent(_engine.Send(call.Account, _configuration.Read(application), _shape.Read(template), request));
    }

    private async ValueTask<Reply> ResendAsync(Call call, CancellationToken cancellationToken)
    {
        var pinId = call.Route.ItemId!;
        if (_engine.Find(call.Account, pinId) is not { } pin) return FlowError.PinNotFound;
        var (application, error) = await AccountLookups.ApplicationAsync(call, pin.ApplicationId, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        if (_lookups.TemplateOf(call.Account, application, pin.MessageId) is not { IsEmpty: false } template) return FlowError.TemplateNotFound;
        var placeholders = call.Body is { } body
            ? Placeholders(body[call.Operation == Operation.ResendPinOverEmail ? _emailResendPlaceholders : _resendPlaceholders])
            : null;
        var request = new PinMessageRequest(pin.To, null, placeholders, ChannelOf(call.Operation), _resendLooksUp,
            call.Body is { } tracked && call.Operation != Operation.ResendPinOverEmail && Flag(tracked, _resendTrackDelivery));
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
        operation == Operation.SendPinOverVoice || operation == Operation.ResendPinOverVoice ? PinChannel.Voice
        : operation == Operation.SendPinOverEmail || operation == Operation.ResendPinOverEmail ? PinChannel.Email
        : PinChannel.Sms;

    /// <summary>A boolean of the body: as sent, else the contract's default (trackDelivery's is false); false where the request has no such field.</summary>
    private static bool Flag(ParsedBody body, ModelField? field) =>
        field is not null && (body[field] is { Present: true } sent ? sent : field.Default) is { Present: true, Number: not 0 };

    private static Dictionary<string, string>? Placeholders(FieldValue value)
    {
        if (value.Entries is not { } entries) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in entries) map[name] = text;
        return map;
    }
}
