using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>A documented error: its messageId and text.</summary>
public sealed record ExpectedError(string MessageId, string? Text);

/// <summary>
/// What an answer must look like, worked out by the runner from the contract and from the requests of the run:
/// the paired documented statuses, the negotiated format, and the values the answer must carry.
/// </summary>
public sealed record Expectation(IReadOnlyList<int> Statuses, BodyFormat Format)
{
    /// <summary>Values the answered application must carry (name, enabled, configuration; a subset comparison).</summary>
    public JsonObject? Application { get; init; }

    /// <summary>Applications (by id and name) a list answer must contain.</summary>
    public IReadOnlyList<JsonObject>? ListMembers { get; init; }

    public ExpectedError? Error { get; init; }

    /// <summary>The documented example an examples-mode mock must answer, value for value.</summary>
    public JsonNode? ExactBody { get; init; }

    /// <summary>What a verify answer must say (verified, pinError, attemptsRemaining), for the PIN flow's steps.</summary>
    public ExpectedVerification? Verification { get; init; }

    /// <summary>A send or resend answer must name a pinId (this one, for a resend) and the recipient.</summary>
    public ExpectedPin? Pin { get; init; }

    /// <summary>Values the answered message template must carry (a subset comparison), or the templates a list must hold.</summary>
    public JsonObject? Template { get; init; }

    public IReadOnlyList<string>? ListedTemplates { get; init; }

    /// <summary>A verification status answer must list this phone number, verified or not.</summary>
    public ExpectedVerificationStatus? VerificationStatus { get; init; }

    /// <summary>
    /// The decision of ours this answer rests on (its status or example is <c>x-source: ours</c>), or null when a source
    /// states it. See <see cref="Profiles.OurDecisions.Review"/>.
    /// </summary>
    public string? Decision { get; init; }

    /// <summary>With <see cref="Decision"/>: only how the target refuses is ours, so it must still refuse (answer 4xx).</summary>
    public bool MustRefuse { get; init; }

    public string StatusText => string.Join(" or ", Statuses);
}

/// <summary>
/// A verify's outcome: <paramref name="PinError"/> null means none (or NO_ERROR). <paramref name="AttemptsBefore"/>
/// is the count the previous answer gave, set on a wrong PIN (it must come back one lower, never below 0).
/// </summary>
public sealed record ExpectedVerification(string PinId, bool Verified, string? PinError, int? AttemptsRemaining, int? AttemptsBefore = null);

/// <summary>A sent PIN: the recipient, and for a resend the pinId it must keep.</summary>
public sealed record ExpectedPin(string To, string? PinId = null);

/// <summary>The phone number a verification status must list, and whether it verified.</summary>
public sealed record ExpectedVerificationStatus(string Msisdn, bool Verified);
