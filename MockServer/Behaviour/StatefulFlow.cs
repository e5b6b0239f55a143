using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Flow.Templates;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace TwoFactorContracts.MockServer.Behaviour;

/// <summary>
/// The stateful flow: templates in the <see cref="TemplateStore"/>, PINs in the engine (<see cref="PinFlow"/>).
/// Every call reads the application it concerns from the account's application store at that moment (a send
/// names it, a resend or verify through its pinId), so a configuration change applies to what comes next: an
/// unknown application is the applications' own 404, a template of another application 404 too.
/// </summary>
public sealed class StatefulFlow : IFlowBehaviour
{
    private readonly PinFlow _engine;
    private readonly TemplateStore _templates;
    private readonly TemplateShape _shape;
    private readonly FlowConfigurationReader _configuration;
    private readonly ApplicationModel _applications;
    private readonly SendRequestFields _send;
    private readonly ModelField _resendPlaceholders;
    private readonly ModelField _pin;
    private readonly bool _resendLooksUp;

    public StatefulFlow(PinFlow engine, TemplateStore templates, FlowBodyModels models, ApplicationModel applications)
    {
        _engine = engine;
        _templates = templates;
        _shape = new TemplateShape(models.Template);
        _configuration = new FlowConfigurationReader(applications);
        _applications = applications;
        _send = new SendRequestFields(models.Send);
        _resendPlaceholders = models.Resend.Field(SendRequestFields.Placeholders);
        _pin = models.Verify.Field("pin");
        _resendLooksUp = models.NcNeededDefault;
    }

    public async ValueTask<FlowReply> AnswerAsync(FlowCall call, CancellationToken cancellationToken = default)
    {
        switch (call.Operation)
        {
            case Operation.SendPinOverSms:
            case Operation.SendPinOverVoice:
                return await SendAsync(call, cancellationToken).ConfigureAwait(false);
            case Operation.ResendPinOverSms:
            case Operation.ResendPinOverVoice:
                return await ResendAsync(call, cancellationToken).ConfigureAwait(false);
            case Operation.VerifyPin:
                return await VerifyAsync(call, cancellationToken).ConfigureAwait(false);
        }

        var (application, error) = await ApplicationAsync(call, call.Route.ApplicationId!, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        var key = application.Key;
        switch (call.Operation)
        {
            case Operation.ListMessageTemplates:
                return new FlowReply(Templates: _templates.Find(call.Account, key)?.ListAsTask().Result ?? new ApplicationListSnapshot([]));
            case Operation.CreateMessageTemplate:
            {
                var body = call.Body!;
                var issued = IssuedFor(application);
                return new FlowReply(Template: _templates.For(call.Account, key).Add(id => ApplicationChanges.Created(body, id, issued)));
            }
            case Operation.GetMessageTemplate:
                return Found(_templates.Find(call.Account, key)?.Find(call.Route.ItemId!) ?? default);
            case Operation.UpdateMessageTemplate:
            {
                var body = call.Body!;
                return Found(_templates.Find(call.Account, key)?.Replace(call.Route.ItemId!, current => ApplicationChanges.Updated(current, body)) ?? default);
            }
            default: // GetVerificationStatus
                var query = call.Query;
                return new FlowReply(Verifications: _engine.Status(call.Account, IdOf(application), query.Msisdn, query.Verified, query.Sent));
        }
    }

    private async ValueTask<FlowReply> SendAsync(FlowCall call, CancellationToken cancellationToken)
    {
        var body = call.Body!;
        var (application, error) = await ApplicationAsync(call, body[_send.ApplicationId].Text!, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        if (TemplateOf(call.Account, application, body[_send.MessageId].Text!) is not { IsEmpty: false } template) return FlowError.TemplateNotFound;
        var request = new PinMessageRequest(body[_send.To].Text!, body[_send.From].Text, Placeholders(body[_send.PlaceholderMap]),
            ChannelOf(call.Operation), call.Query.NcNeeded);
        return Reply(_engine.Send(call.Account, _configuration.Read(application), _shape.Read(template), request));
    }

    private async ValueTask<FlowReply> ResendAsync(FlowCall call, CancellationToken cancellationToken)
    {
        var pinId = call.Route.ItemId!;
        if (_engine.Find(call.Account, pinId) is not { } pin) return FlowError.PinNotFound;
        var (application, error) = await ApplicationAsync(call, pin.ApplicationId, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        if (TemplateOf(call.Account, application, pin.MessageId) is not { IsEmpty: false } template) return FlowError.TemplateNotFound;
        var placeholders = call.Body is { } body ? Placeholders(body[_resendPlaceholders]) : null;
        // A resend takes no ncNeeded: the number is looked up as for a send that leaves it out (the contract's default).
        var request = new PinMessageRequest(pin.To, null, placeholders, ChannelOf(call.Operation), _resendLooksUp);
        return Reply(_engine.Resend(call.Account, pinId, _configuration.Read(application), _shape.Read(template), request));
    }

    private async ValueTask<FlowReply> VerifyAsync(FlowCall call, CancellationToken cancellationToken)
    {
        var pinId = call.Route.ItemId!;
        if (_engine.Find(call.Account, pinId) is not { } pin) return FlowError.PinNotFound;
        var (application, error) = await ApplicationAsync(call, pin.ApplicationId, cancellationToken).ConfigureAwait(false);
        if (error is not null) return error;
        var answer = _engine.Verify(call.Account, pinId, _configuration.Read(application), call.Body![_pin].Text!);
        return answer.Error is { } refused ? refused : new FlowReply(Verification: answer.Value);
    }

    /// <summary>The application as the account's store holds it now, or the store's answer (the applications' 404, 503, 429).</summary>
    private static async ValueTask<(StoredApplication Application, Core.StageError? Error)> ApplicationAsync(
        FlowCall call, string applicationId, CancellationToken cancellationToken)
    {
        var found = call.Applications.GetAsync(applicationId, cancellationToken);
        var answer = found.IsCompletedSuccessfully ? found.Result : await found.ConfigureAwait(false);
        return answer.Error is { } error ? (default, error) : (answer.Application, null);
    }

    private StoredApplication TemplateOf(string account, StoredApplication application, string messageId) =>
        _templates.Find(account, application.Key)?.Find(messageId) ?? default;

    /// <summary>A template carries its application's id (the field named like the application model's id); any other id it is issued.</summary>
    private byte[]?[] IssuedFor(StoredApplication application)
    {
        var issued = new byte[]?[_shape.Model.Issued.Length];
        for (var i = 0; i < issued.Length; i++)
            issued[i] = _shape.Model.Issued[i].Contract.JsonName == _applications.Id.Contract.JsonName
                ? application.Bytes.AsSpan(0, ApplicationModel.IdBytes).ToArray()
                : ApplicationIds.NewBytes();
        return issued;
    }

    private static FlowReply Found(StoredApplication template) =>
        template.IsEmpty ? FlowError.TemplateNotFound : new FlowReply(Template: template);

    private static FlowReply Reply(FlowAnswer<PinSent> answer) =>
        answer.Error is { } refused ? refused : new FlowReply(Sent: answer.Value);

    private static string IdOf(StoredApplication application) => Convert.ToHexString(application.Bytes.AsSpan(0, ApplicationModel.IdBytes));

    private static PinChannel ChannelOf(Operation operation) =>
        operation is Operation.SendPinOverVoice or Operation.ResendPinOverVoice ? PinChannel.Voice : PinChannel.Sms;

    private static Dictionary<string, string>? Placeholders(FieldValue value)
    {
        if (value.Entries is not { } entries) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in entries) map[name] = text;
        return map;
    }

    /// <summary>The send request's fields the engine needs (the model reads, checks and reports them all).</summary>
    private sealed class SendRequestFields(ApplicationModel send)
    {
        public const string Placeholders = "placeholders";
        public ModelField ApplicationId { get; } = send.Field("applicationId");
        public ModelField MessageId { get; } = send.Field("messageId");
        public ModelField To { get; } = send.Field("to");
        public ModelField From { get; } = send.Field("from");
        public ModelField PlaceholderMap { get; } = send.Field(Placeholders);
    }
}
