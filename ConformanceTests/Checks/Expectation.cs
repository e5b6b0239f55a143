using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// What an answer must look like, worked out by the runner from the contract and from the requests of the run: the
/// paired documented statuses, the negotiated format, and the facts the answer must bear out. Each fact enables the
/// checks registered as needing it (<see cref="CheckSet"/>); an expectation without one leaves those checks out.
/// </summary>
public sealed record Expectation(IReadOnlyList<int> Statuses, BodyFormat Format)
{
    /// <summary>What the answer must carry, at most one fact of each kind.</summary>
    public IReadOnlyList<IExpected> Facts { get; private init; } = [];

    /// <summary>The fact of that kind (or implementing that interface), or null when the expectation carries none.</summary>
    public T? Find<T>() where T : class => Facts.OfType<T>().FirstOrDefault();

    /// <summary>This expectation with the facts given (a null one is left out; one replaces an earlier fact of its kind).</summary>
    public Expectation With(params ReadOnlySpan<IExpected?> facts)
    {
        var all = Facts.ToList();
        foreach (var fact in facts)
        {
            if (fact is null) continue;
            all.RemoveAll(f => f.GetType() == fact.GetType());
            all.Add(fact);
        }
        return this with { Facts = all };
    }

    /// <summary>
    /// The decision of ours this answer rests on (its status or example is <c>x-source: ours</c>), or null when a source
    /// states it. See <see cref="Profiles.OurDecisions.Review"/>.
    /// </summary>
    public string? Decision { get; init; }

    /// <summary>With <see cref="Decision"/>: only how the target refuses is ours, so it must still refuse (answer 4xx).</summary>
    public bool MustRefuse { get; init; }

    public string StatusText => string.Join(" or ", Statuses);
}

/// <summary>A fact an answer must bear out; the checks that need it are registered in <see cref="CheckSet"/>.</summary>
public interface IExpected;

/// <summary>A fact about the applications an answer carries (one, or a list of them).</summary>
public interface IApplicationsExpected : IExpected;

/// <summary>A fact naming the PIN an answer is about.</summary>
public interface INamesPin : IExpected
{
    string? PinId { get; }
}

/// <summary>Values the answered application must carry (name, enabled, configuration; a subset comparison).</summary>
public sealed record ExpectedApplication(JsonObject Values) : IApplicationsExpected
{
    public ExpectedConfiguration? Configuration => Values["configuration"] is JsonObject wanted ? new(this, wanted) : null;
}

/// <summary>The configuration values an expected application must carry.</summary>
public sealed record ExpectedConfiguration(ExpectedApplication Application, JsonObject Values);

/// <summary>Applications (by id and name) a list answer must contain.</summary>
public sealed record ExpectedListMembers(IReadOnlyList<JsonObject> Applications) : IApplicationsExpected;

/// <summary>A documented error: its messageId and text.</summary>
public sealed record ExpectedError(string MessageId, string? Text) : IExpected;

/// <summary>The documented example an examples-mode mock must answer, value for value.</summary>
public sealed record ExpectedExample(JsonNode Body) : IExpected
{
    public static ExpectedExample? Of(JsonNode? documented) => documented is null ? null : new(documented);
}

/// <summary>
/// A verify's outcome: <paramref name="PinError"/> null means none (or NO_ERROR). <paramref name="AttemptsBefore"/>
/// is the count the previous answer gave, set on a wrong PIN (it must come back one lower, never below 0).
/// </summary>
public sealed record ExpectedVerification(string PinId, bool Verified, string? PinError, int? AttemptsRemaining, int? AttemptsBefore = null)
    : INamesPin
{
    /// <summary>A wrong PIN was sent: the attempt it costs.</summary>
    public AttemptSpent? Spent => AttemptsBefore is { } before ? new(before) : null;

    /// <summary>No wrong PIN, and a count expected: what attemptsRemaining must be.</summary>
    public AttemptsLeft? Left => AttemptsBefore is null && AttemptsRemaining is { } count ? new(count) : null;
}

/// <summary>A wrong PIN cost one attempt of the <paramref name="Before"/> the previous answer left.</summary>
public sealed record AttemptSpent(int Before);

/// <summary>The attempts a verify answer must leave.</summary>
public sealed record AttemptsLeft(int Count);

/// <summary>
/// A sent PIN: the recipient, for a resend the pinId it must keep, and whether the request asked for delivery reports
/// (<c>trackDelivery: true</c>), so that the answer must carry the message's externalMessageId.
/// </summary>
public sealed record ExpectedPin(string To, string? PinId = null, bool TrackDelivery = false) : INamesPin
{
    public DeliveryTracked? Tracked => TrackDelivery ? new() : null;
}

/// <summary>The send or resend asked for delivery reports.</summary>
public sealed record DeliveryTracked;

/// <summary>The outcome a send or resend must answer: the documented example's statuses by field (ncStatus, smsStatus, callStatus).</summary>
public sealed record ExpectedOutcome(string Example, IReadOnlyDictionary<string, string> Statuses) : IExpected;

/// <summary>Values the answered message template must carry (a subset comparison).</summary>
public sealed record ExpectedTemplate(JsonObject Values) : IExpected;

/// <summary>The templates (by messageId) a list of templates must hold.</summary>
public sealed record ExpectedTemplatesListed(IReadOnlyList<string> MessageIds) : IExpected;

/// <summary>The phone number a verification status must list, and whether it verified.</summary>
public sealed record ExpectedVerificationStatus(string Msisdn, bool Verified) : IExpected;
