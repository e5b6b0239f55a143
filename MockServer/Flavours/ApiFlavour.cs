using TwoFactorContracts.MockServer.Behaviour;

namespace TwoFactorContracts.MockServer.Flavours;

/// <summary>Which API the mock answers like: the seed page (default) or Infobip's API as documented today.</summary>
public enum MockFlavour
{
    Seed,
    Today,
}

/// <summary>
/// Everything that differs between the flavours, in one place. The seed's values are the contract's; today's
/// come from the shared reference (real-api-facts.md, "Where the seed and today's API differ"). Each stage
/// reads the one value it needs from here; nothing else in the mock knows which flavour is running.
/// </summary>
public sealed record ApiFlavour(
    MockFlavour Name,
    int CreateStatus,
    SeedMode StartsWith,
    BehaviourError NotFound,
    string? ListRoot,
    bool IssuesProcessIds,
    bool TimeLengthOptional,
    bool SendsRetryAfter)
{
    /// <summary>The seed page, as the contract documents it.</summary>
    public static readonly ApiFlavour Seed = new(
        MockFlavour.Seed,
        CreateStatus: 200, // what Infobip's SDKs expect; the seed states no status
        StartsWith: SeedMode.Documented,
        NotFound: BehaviourError.ApplicationNotFound,
        ListRoot: null, // the contract's ApplicationList xml name
        IssuesProcessIds: true,
        TimeLengthOptional: false,
        SendsRetryAfter: true); // our decision: the seed is silent, and a client can use it

    /// <summary>Today's API: 201 on create, a generic 404, another XML list root, no processId, lengths optional, empty accounts, no Retry-After.</summary>
    public static readonly ApiFlavour Today = new(
        MockFlavour.Today,
        CreateStatus: 201,
        StartsWith: SeedMode.Empty,
        NotFound: new BehaviourError(404, "NOT_FOUND", "Not found"),
        ListRoot: "ApplicationResponses",
        IssuesProcessIds: false,
        TimeLengthOptional: true,
        SendsRetryAfter: false);

    public static ApiFlavour Of(MockFlavour flavour) => flavour == MockFlavour.Today ? Today : Seed;

    /// <summary>Reads "seed" or "today"; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static MockFlavour Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "seed" => MockFlavour.Seed,
        "today" => MockFlavour.Today,
        _ => throw new ArgumentException($"--flavour must be seed or today, not '{text}'."),
    };
}
