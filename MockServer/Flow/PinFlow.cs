namespace TwoFactorContracts.MockServer.Flow;

/// <summary>
/// The PIN engine the pipeline's behaviour stage calls: send, resend, verify and verification status for an
/// account, given the application's configuration as it reads at the time of the call and (for sends) the
/// template's text and PIN shape. Holds the flow's state (pins, limit counts, the outbox, fixed PINs, the clock),
/// takes the account's lock around each rule (<see cref="FlowRules"/>), and resets it all. Pure C#: no HTTP.
/// </summary>
public sealed class PinFlow
{
    /// <summary>Pins kept per account; the oldest is forgotten beyond it (bounds memory).</summary>
    public const int DefaultPinsPerAccount = 100_000;

    private readonly PinLedger _ledger;
    private readonly FlowRules _rules;

    public PinFlow(FlowClock? clock = null, FixedPins? fixedPins = null, Outbox? outbox = null, int pinsPerAccount = DefaultPinsPerAccount,
        RecipientOutcomes? outcomes = null)
    {
        Clock = clock ?? new FlowClock();
        FixedPins = fixedPins ?? new FixedPins();
        Outbox = outbox ?? new Outbox();
        Outcomes = outcomes ?? new RecipientOutcomes();
        _ledger = new PinLedger();
        _rules = new FlowRules(Clock, new PinGenerator(FixedPins), Outbox, Outcomes, pinsPerAccount);
    }

    public FlowClock Clock { get; }

    public FixedPins FixedPins { get; }

    public Outbox Outbox { get; }

    /// <summary>What a send to a recipient answers besides a delivered message: set through the admin API, or a reserved test number's.</summary>
    public RecipientOutcomes Outcomes { get; }

    /// <summary>Sends a new PIN for <paramref name="template"/> of the application to <c>request.To</c>.</summary>
    /// <returns>The pinId and statuses; or 400 disabled application, 429 a send limit.</returns>
    public FlowAnswer<PinSent> Send(string account, FlowConfiguration configuration, PinTemplate template, PinMessageRequest request)
    {
        var flow = _ledger.For(account);
        lock (flow.Lock) return _rules.Send(flow, configuration, template, request);
    }

    /// <summary>Who a pinId of the account belongs to (application, template, recipient), or null (404 PIN not found).</summary>
    public PinInfo? Find(string account, string pinId)
    {
        if (_ledger.Find(account) is not { } flow) return null;
        lock (flow.Lock)
            return flow.ById.TryGetValue(pinId, out var pin) ? new PinInfo(pin.PinId, pin.ApplicationId, pin.MessageId, pin.To) : null;
    }

    /// <summary>Sends the same PIN again in a new message (<c>request.To</c> is ignored: the pin's recipient).</summary>
    /// <returns>The pinId and statuses; or 404 unknown pinId, 400 disabled application, 429 a send limit.</returns>
    public FlowAnswer<PinSent> Resend(string account, string pinId, FlowConfiguration configuration, PinTemplate template, PinMessageRequest request)
    {
        if (_ledger.Find(account) is not { } flow) return FlowError.PinNotFound;
        lock (flow.Lock)
            return flow.ById.TryGetValue(pinId, out var pin) ? _rules.Resend(flow, pin, configuration, template, request) : FlowError.PinNotFound;
    }

    /// <summary>Verifies a PIN (the spec's order); the configuration is the pin's application's, read now.</summary>
    /// <returns>The verification (verified or a pinError); or 404 unknown pinId, 429 the verify limit.</returns>
    public FlowAnswer<PinVerification> Verify(string account, string pinId, FlowConfiguration configuration, string pin)
    {
        if (_ledger.Find(account) is not { } flow) return FlowError.PinNotFound;
        lock (flow.Lock)
            return flow.ById.TryGetValue(pinId, out var record) ? _rules.Verify(flow, record, configuration, pin) : FlowError.PinNotFound;
    }

    /// <summary>The application's verifications, oldest first; null filters match anything.</summary>
    public IReadOnlyList<Verification> Status(string account, string applicationId, string? msisdn = null, bool? verified = null, bool? sent = null)
    {
        if (_ledger.Find(account) is not { } flow) return [];
        lock (flow.Lock) return FlowRules.Status(flow, applicationId, msisdn, verified, sent);
    }

    /// <summary>Pins, limit counts, outbox, per-recipient fixed PINs and outcomes cleared; the clock's offset back to zero.</summary>
    public void Reset()
    {
        _ledger.Clear();
        Outbox.Clear();
        FixedPins.Clear();
        Outcomes.Clear();
        Clock.Reset();
    }
}
