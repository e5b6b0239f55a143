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

    public string StatusText => string.Join(" or ", Statuses);
}
