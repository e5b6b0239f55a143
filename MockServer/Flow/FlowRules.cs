using System.Text;

namespace TwoFactorContracts.MockServer.Flow;

/// <summary>
/// The PIN flow's decisions, in one place (the decisions table, docs/contract.md): what a send, resend, verify and the
/// verification status do given an application's configuration at the time of the call. Each method runs under
/// its account's lock (<see cref="PinFlow"/> takes it); a refusal changes nothing.
/// </summary>
internal sealed class FlowRules(FlowClock clock, PinGenerator generator, Outbox outbox, RecipientOutcomes outcomes, int pinsPerAccount)
{
    /// <summary>
    /// Send: a disabled application sends nothing (400); then the per-application and per-number limits (429,
    /// nothing sent, no pinId). Otherwise a new PIN, expiring at now + pinTimeToLive (fixed here: a later change of
    /// the configuration does not move it), the message rendered and put in the outbox, the send counted. The
    /// recipient's outcome (<see cref="RecipientOutcomes"/>) sets the answer's statuses; a message that did not go out
    /// (MESSAGE_NOT_SENT) still issues the pinId and counts, and is recorded in the outbox marked not sent.
    /// </summary>
    public FlowAnswer<PinSent> Send(AccountFlow account, FlowConfiguration configuration, PinTemplate template, PinMessageRequest request)
    {
        var now = clock.NowMillis;
        if (RefuseSend(account, configuration, template, request, request.To, now) is { } refusal) return refusal;

        var pin = new PinRecord(NewPinId(account), configuration.ApplicationId, template.MessageId, request.To,
            generator.Next(template.PinType, template.PinLength, request.To), now,
            SaturatingAdd(now, configuration.PinTimeToLiveMillis), request.Placeholders);
        account.Add(pin, pinsPerAccount);
        return Deliver(account, pin, template, request, now);
    }

    /// <summary>
    /// Resend: the same PIN, expiry and attempts (the pinId names one code; a new PIN would invalidate a message
    /// the user may be reading) in a new message, refused and counted like a send. The template is the pin's, as
    /// it reads now; placeholders are the resend's, else the send's. A PIN that expired or verified is resent all
    /// the same, and verifies as before (decision resend-after-end).
    /// </summary>
    public FlowAnswer<PinSent> Resend(AccountFlow account, PinRecord pin, FlowConfiguration configuration, PinTemplate template, PinMessageRequest request)
    {
        var now = clock.NowMillis;
        if (RefuseSend(account, configuration, template, request, pin.To, now) is { } refusal) return refusal;
        var message = request with { To = pin.To, Placeholders = request.Placeholders ?? pin.Placeholders };
        return Deliver(account, pin, template, message, now);
    }

    /// <summary>
    /// Verify, in the decided order (the unknown pinId's 404 is the caller's): the verify limit per phone number
    /// (429, not counted as an attempt); already verified without allowMultiplePinVerifications; expired; no
    /// attempts left; wrong PIN (one attempt spent); right PIN, answered with attemptsRemaining 0 as today's
    /// document's example (it spends none: a later wrong PIN, where multiple verifications are allowed, still
    /// counts down from what the wrong ones left). pinAttempts and allowMultiplePinVerifications are read now, the
    /// expiry was fixed at send; attempts already spent stay spent.
    /// </summary>
    public FlowAnswer<PinVerification> Verify(AccountFlow account, PinRecord pin, FlowConfiguration configuration, string given)
    {
        var now = clock.NowMillis;
        if (!account.Limits.TryCountVerify(configuration, pin.To, now)) return FlowError.TooManyVerifications;

        var remaining = Math.Max(0, configuration.PinAttempts - pin.WrongAttempts);
        if (pin.Verified && !configuration.AllowMultiplePinVerifications)
            return Answer(pin, false, 0, PinVerification.NoMorePinAttempts);
        if (now >= pin.ExpiresAtMillis)
            return Answer(pin, false, remaining, PinVerification.TtlExpired);
        if (remaining == 0)
            return Answer(pin, false, 0, PinVerification.NoMorePinAttempts);
        if (!string.Equals(given, pin.Pin, StringComparison.Ordinal))
        {
            pin.WrongAttempts++;
            return Answer(pin, false, remaining - 1, PinVerification.WrongPin);
        }
        pin.VerifiedAtMillis ??= now; // the first verification's time stays: history is not rewritten
        return Answer(pin, true, 0, null);
    }

    /// <summary>The verification status of an application's pins, in send order, filtered by msisdn, verified and sent.</summary>
    public static IReadOnlyList<Verification> Status(AccountFlow account, string applicationId, string? msisdn, bool? verified, bool? sent)
    {
        // sent: whether one of the pin's messages went out (an SMS not sent after a lookup leaves it false).
        return [.. account.InSendOrder
            .Where(p => p.ApplicationId == applicationId && (msisdn is null || p.To == msisdn) && (verified is null || p.Verified == verified)
                && (sent is null || p.Delivered == sent))
            .Select(p => new Verification(p.PinId, p.To, p.Verified, p.VerifiedAtMillis, p.SentAtMillis))];
    }

    /// <summary>
    /// The message text: <c>{{pin}}</c> becomes the PIN and <c>{{name}}</c> placeholders[name]; an unknown
    /// placeholder stays as written. One pass, so a placeholder's value is never itself replaced.
    /// </summary>
    public static string Render(string messageText, string pin, IReadOnlyDictionary<string, string>? placeholders)
    {
        var text = new StringBuilder(messageText.Length + pin.Length);
        var position = 0;
        while (position < messageText.Length)
        {
            var open = messageText.IndexOf("{{", position, StringComparison.Ordinal);
            var close = open < 0 ? -1 : messageText.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                text.Append(messageText, position, messageText.Length - position);
                break;
            }
            text.Append(messageText, position, open - position);
            var name = messageText.AsSpan(open + 2, close - open - 2);
            if (name is "pin") text.Append(pin);
            else if (placeholders is not null && placeholders.TryGetValue(name.ToString(), out var value)) text.Append(value);
            else
            {
                // Not a placeholder we know: keep "{{" and look for the next one right after it.
                text.Append("{{");
                position = open + 2;
                continue;
            }
            position = close + 2;
        }
        return text.ToString();
    }

    /// <summary>
    /// Why a send or resend is refused, first to last: a template of another channel (template-channel: 400, an email
    /// goes out with an email template only), a disabled application, the limits (an email address counted as a phone
    /// number is, email-limits).
    /// </summary>
    private static FlowError? RefuseSend(AccountFlow account, FlowConfiguration configuration, PinTemplate template, PinMessageRequest request,
        string to, long now) =>
        !template.SendsOver(request.Channel) ? (request.Channel == PinChannel.Email ? FlowError.NotEmailTemplate : FlowError.NotSmsOrVoiceTemplate)
        : !configuration.Enabled ? FlowError.ApplicationDisabled
        : account.Limits.RefuseSend(configuration, to, now);

    /// <summary>Counts the send, records the message (marked as the recipient's outcome says) and answers it.</summary>
    private PinSent Deliver(AccountFlow account, PinRecord pin, PinTemplate template, PinMessageRequest request, long now)
    {
        var sent = new PinSent(pin.PinId, pin.To, request.Channel, request.NcNeeded, outcomes.For(pin.To), ExternalMessageId(request));
        account.Limits.RecordSend(pin.ApplicationId, pin.To, now);
        pin.Delivered |= sent.Delivered;
        outbox.Add(new OutboxMessage(request.Channel, pin.To, request.From ?? template.From, TextOf(template, pin.Pin, request.Placeholders),
            pin.Pin, pin.PinId, pin.ApplicationId, template.MessageId, now)
        {
            Sent = sent.Delivered,
            Status = sent.SmsStatus ?? sent.CallStatus ?? sent.EmailStatus,
            NcStatus = sent.NcStatus,
        });
        return sent;
    }

    /// <summary>
    /// What the recipient reads: an SMS or voice template's text rendered; for an email, whose body is the account's
    /// email template (which the mock does not have), a line naming that template, the PIN and the placeholders sent.
    /// </summary>
    public static string TextOf(PinTemplate template, string pin, IReadOnlyDictionary<string, string>? placeholders)
    {
        if (template.EmailTemplateId is not { } emailTemplate) return Render(template.MessageText, pin, placeholders);
        var text = new StringBuilder($"Email template {emailTemplate} with PIN {pin}");
        foreach (var (name, value) in placeholders ?? new Dictionary<string, string>()) text.Append($"; {name}: {value}");
        return text.ToString();
    }

    private static PinVerification Answer(PinRecord pin, bool verified, int remaining, string? error) =>
        new(pin.PinId, pin.To, verified, remaining, error);

    private static string NewPinId(AccountFlow account)
    {
        string id;
        do id = PinGenerator.NewPinId(); while (account.ById.ContainsKey(id));
        return id;
    }

    /// <summary>
    /// A new lower-case UUID per message when delivery reports were asked for (the document's example's form;
    /// decision track-delivery-message-id), else none.
    /// </summary>
    private static string? ExternalMessageId(PinMessageRequest request) => request.TrackDelivery ? Guid.NewGuid().ToString("D") : null;

    private static long SaturatingAdd(long a, long b) => b > long.MaxValue - a ? long.MaxValue : a + b;
}
