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

/// <summary>What the client asked for in a send (or, without <c>To</c>, a resend); <c>NcNeeded</c>: look the number up first.</summary>
public sealed record PinMessageRequest(
    string To,
    string? From = null,
    IReadOnlyDictionary<string, string>? Placeholders = null,
    PinChannel Channel = PinChannel.Sms,
    bool NcNeeded = false);

/// <summary>A sent (or resent) PIN: the answer's fields.</summary>
public sealed record PinSent(string PinId, string To, PinChannel Channel, bool NcNeeded)
{
    public const string NcReachable = "NC_DESTINATION_REACHABLE";
    public const string SmsSent = "MESSAGE_SENT";
    public const string CallAccepted = "PENDING_ACCEPTED";
    public const string EmailAccepted = "PENDING_ACCEPTED";
    public const string EmailAcceptedDescription = "Message accepted, pending for delivery.";

    /// <summary><c>NC_DESTINATION_REACHABLE</c> when the number was looked up (an SMS send or resend with ncNeeded); else null (left out).</summary>
    public string? NcStatus => NcNeeded && Channel == PinChannel.Sms ? NcReachable : null;

    /// <summary><c>MESSAGE_SENT</c> for SMS; null for voice.</summary>
    public string? SmsStatus => Channel == PinChannel.Sms ? SmsSent : null;

    /// <summary><c>PENDING_ACCEPTED</c> for voice; null for SMS.</summary>
    public string? CallStatus => Channel == PinChannel.Voice ? CallAccepted : null;

    /// <summary>The email's status name, <c>PENDING_ACCEPTED</c>, for email; else null.</summary>
    public string? EmailStatus => Channel == PinChannel.Email ? EmailAccepted : null;
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
