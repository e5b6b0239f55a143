using Microsoft.Extensions.Time.Testing;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow;

namespace MockServer.Tests.Flow;

/// <summary>A PIN engine on a manual clock (nothing sleeps), an application's configuration and a template to send with.</summary>
internal sealed class FlowKit
{
    public const string Account = "account-a";
    public const string ApplicationId = "0123456789ABCDEF0123456789ABCDEF";
    public const string To = "41793026727";

    public FlowKit(string? fixedPin = null, int outboxCapacity = Outbox.DefaultCapacity)
    {
        Source = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));
        Flow = new PinFlow(new FlowClock(ClockMode.Manual, Source), new FixedPins(fixedPin), new Outbox(outboxCapacity));
    }

    public FakeTimeProvider Source { get; }

    public PinFlow Flow { get; }

    /// <summary>Generous defaults, so a test names only the rule it checks.</summary>
    public FlowConfiguration Configuration { get; set; } = new(ApplicationId, Enabled: true, PinAttempts: 3, AllowMultiplePinVerifications: true,
        PinTimeToLiveMillis: 15 * Duration.Minute, VerifyPinLimit: Limit("1000/1s"), SendPinPerApplicationLimit: Limit("10000/1d"),
        SendPinPerPhoneNumberLimit: Limit("1000/1d"));

    public PinTemplate Template { get; set; } = new("FEDCBA9876543210FEDCBA9876543210", "Your PIN is {{pin}}", PinType.Numeric, 4);

    public static RateLimit Limit(string text) => RateLimit.TryParse(text, out var limit) ? limit : throw new ArgumentException(text);

    public void Advance(string time)
    {
        FlowClock.TryParseAdvance(time, out var ms, out var problem).ShouldBeTrue(problem);
        Flow.Clock.Advance(ms);
    }

    public FlowAnswer<PinSent> TrySend(string to = To, PinChannel channel = PinChannel.Sms, IReadOnlyDictionary<string, string>? placeholders = null, string account = Account) =>
        Flow.Send(account, Configuration, Template, new PinMessageRequest(to, "Info", placeholders, channel));

    public PinSent Send(string to = To, string account = Account)
    {
        var answer = TrySend(to, account: account);
        answer.Error.ShouldBeNull();
        return answer.Value!;
    }

    public FlowAnswer<PinSent> Resend(string pinId, PinChannel channel = PinChannel.Sms) =>
        Flow.Resend(Account, pinId, Configuration, Template, new PinMessageRequest("", Channel: channel));

    public FlowAnswer<PinVerification> TryVerify(string pinId, string pin) => Flow.Verify(Account, pinId, Configuration, pin);

    public PinVerification Verify(string pinId, string pin)
    {
        var answer = TryVerify(pinId, pin);
        answer.Error.ShouldBeNull();
        return answer.Value!;
    }

    /// <summary>The PIN the outbox shows for a pinId (what a person would read).</summary>
    public string PinOf(string pinId) => Flow.Outbox.List(pinId: pinId).Last().Pin;

    /// <summary>A PIN of the same length that is not the right one.</summary>
    public string WrongPinOf(string pinId) => PinOf(pinId) == "0000" ? "1111" : "0000";
}
