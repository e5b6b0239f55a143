namespace TwoFactorContracts.MockServer.Flow;

/// <summary>
/// What an application's configuration says about the PIN flow, read from the application store's record at
/// the time of the call (<see cref="FlowConfigurationReader"/>).
/// </summary>
public sealed record FlowConfiguration(
    string ApplicationId,
    bool Enabled,
    int PinAttempts,
    bool AllowMultiplePinVerifications,
    long PinTimeToLiveMillis,
    RateLimit VerifyPinLimit,
    RateLimit SendPinPerApplicationLimit,
    RateLimit SendPinPerPhoneNumberLimit);

/// <summary>What a send needs of a message template (the HTTP layer's template store owns the rest).</summary>
public sealed record PinTemplate(string MessageId, string MessageText, PinType PinType, int PinLength)
{
    /// <summary>The account's email template an email template sends the PIN in; null for an SMS or voice template.</summary>
    public long? EmailTemplateId { get; init; }

    /// <summary>An email template's sender (a send's <c>from</c> overrides it).</summary>
    public string? From { get; init; }

    /// <summary>Whether the template sends over <paramref name="channel"/>: an email template over email only, the others over SMS and voice.</summary>
    public bool SendsOver(PinChannel channel) => (channel == PinChannel.Email) == EmailTemplateId.HasValue;
}

/// <summary>
/// What the client asked for in a send (or, without <c>To</c>, a resend); <c>NcNeeded</c>: look the number up first;
/// <c>TrackDelivery</c>: delivery reports wanted, so the message gets an externalMessageId.
/// </summary>
public sealed record PinMessageRequest(
    string To,
    string? From = null,
    IReadOnlyDictionary<string, string>? Placeholders = null,
    PinChannel Channel = PinChannel.Sms,
    bool NcNeeded = false,
    bool TrackDelivery = false);

/// <summary>A sent (or resent) PIN: the answer's fields; <c>Outcome</c> is the recipient's (<see cref="RecipientOutcomes"/>), null: delivered.</summary>
/// <param name="ExternalMessageId">The message's id for delivery reports when they were asked for (trackDelivery), else null (left out).</param>
public sealed record PinSent(string PinId, string To, PinChannel Channel, bool NcNeeded, SendOutcome? Outcome = null, string? ExternalMessageId = null)
{
    public const string NcReachable = "NC_DESTINATION_REACHABLE";
    public const string SmsSent = "MESSAGE_SENT";
    public const string CallAccepted = "PENDING_ACCEPTED";
    public const string EmailAccepted = "PENDING_ACCEPTED";
    public const string EmailAcceptedDescription = "Message accepted, pending for delivery.";

    /// <summary>When the number was looked up (an SMS send or resend with ncNeeded): the recipient's outcome, else <c>NC_DESTINATION_REACHABLE</c>; else null (left out).</summary>
    public string? NcStatus => NcNeeded && Channel == PinChannel.Sms ? Outcome?.NcStatus ?? NcReachable : null;

    /// <summary>
    /// For SMS, the status the lookup led to (the recipient's outcome), else <c>MESSAGE_SENT</c>: without a lookup the
    /// SMS is sent whatever the number (the document: not sent only after a lookup found it not reachable). Null for voice.
    /// </summary>
    public string? SmsStatus => Channel == PinChannel.Sms ? (NcNeeded ? Outcome?.SmsStatus : null) ?? SmsSent : null;

    /// <summary>For voice, the recipient's outcome, else <c>PENDING_ACCEPTED</c>; null for SMS.</summary>
    public string? CallStatus => Channel == PinChannel.Voice ? Outcome?.CallStatus ?? CallAccepted : null;

    /// <summary>The email's status name, <c>PENDING_ACCEPTED</c>, for email; else null.</summary>
    public string? EmailStatus => Channel == PinChannel.Email ? EmailAccepted : null;

    /// <summary>Whether the message went out: an SMS answered <c>MESSAGE_SENT</c>, a call <c>PENDING_ACCEPTED</c>; an email always.</summary>
    public bool Delivered => Channel switch
    {
        PinChannel.Sms => SmsStatus == SmsSent,
        PinChannel.Voice => CallStatus == CallAccepted,
        _ => true,
    };
}

/// <summary>The answer of a verify: <c>PinError</c> is null on success (the field is left out).</summary>
public sealed record PinVerification(string PinId, string Msisdn, bool Verified, int AttemptsRemaining, string? PinError)
{
    public const string WrongPin = "WRONG_PIN";
    public const string TtlExpired = "TTL_EXPIRED";
    public const string NoMorePinAttempts = "NO_MORE_PIN_ATTEMPTS";
}

/// <summary>One entry of the verification status: epoch milliseconds; <c>VerifiedAtMillis</c> null when not verified.</summary>
public sealed record Verification(string PinId, string Msisdn, bool Verified, long? VerifiedAtMillis, long SentAtMillis);

/// <summary>Who a pinId belongs to: the HTTP layer reads the application (and template) it needs from this.</summary>
public sealed record PinInfo(string PinId, string ApplicationId, string MessageId, string To);

/// <summary>A result, or the refusal the HTTP layer renders in the API's envelope instead.</summary>
public readonly record struct FlowAnswer<T>(T? Value, FlowError? Error)
    where T : class
{
    public static implicit operator FlowAnswer<T>(T value) => new(value, null);

    public static implicit operator FlowAnswer<T>(FlowError error) => new(null, error);
}
