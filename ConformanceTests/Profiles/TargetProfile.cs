using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi.YamlReader;
using SharpYaml;
using SharpYaml.Serialization;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Planning;

namespace TwoFactorContracts.ConformanceTests.Profiles;

/// <summary>
/// What a target is known to do differently from the contract, each difference with its reason: a file (YAML or
/// JSON) the run reads. <c>seed</c> accepts nothing; <c>today</c> is today's Infobip API. See docs/conformance.md.
/// </summary>
public sealed class TargetProfile
{
    public const string Seed = "seed";
    public const string Today = "today";

    /// <summary>No deviations: what the seed profile says, for code that is given no profile.</summary>
    public static readonly TargetProfile None = new() { Name = Seed, Description = "no deviations from the contract" };

    /// <summary>The profiles shipped beside the command (Profiles/*.yaml).</summary>
    public static IReadOnlyList<string> Shipped => [Seed, Today];

    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>True when a fresh account lists the seed page's three applications (our mock's default).</summary>
    public bool AccountStartsWithSeedApplications { get; init; } = true;

    /// <summary><c>documented</c>: the contract's x-throttling per operation; <c>none</c> (default): no budgets.</summary>
    public string Budgets { get; init; } = "none";

    /// <summary>Explicit budgets by operationId, like <c>createApplication: 20/10m</c>; they win over <see cref="Budgets"/>.</summary>
    public Dictionary<string, string> Budget { get; init; } = [];

    public List<Deviation> Deviations { get; init; } = [];

    /// <summary>
    /// <c>enforced</c> (default): a rule resting on one of our decisions is judged like any other. <c>accepted</c>: the
    /// target need not follow our decisions (the contract's <c>x-source: ours</c>); what it does instead is listed as
    /// an accepted deviation named after the decision.
    /// </summary>
    public string OurDecisions { get; init; } = Enforced;

    public const string Enforced = "enforced";
    public const string Accepted = "accepted";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Deviation> _decisionEntries = new();
    private IReadOnlyDictionary<string, ContractDecision> _decisions = new Dictionary<string, ContractDecision>();

    /// <summary>
    /// Reads the decisions of the contract the run judges by; throws (one line) when an entry names a decision the
    /// contract does not declare.
    /// </summary>
    public TargetProfile BindTo(ContractDocument contract)
    {
        _decisions = contract.Provenance.Decisions;
        if (Deviations.FirstOrDefault(d => d.Decision is not null && !_decisions.ContainsKey(d.Decision)) is { } unknown)
            throw new ProfileException($"profile {Name}: deviation '{unknown.Id}': decision must be one the contract declares "
                + $"(info.x-decisions: {string.Join(", ", _decisions.Keys)}), not '{unknown.Decision}'");
        return this;
    }

    /// <summary>The decisions of the contract this profile was bound to (<see cref="BindTo"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, ContractDecision> Decisions => _decisions;

    /// <summary>The accepted decisions this run has met under <c>ourDecisions: accepted</c> (reported like entries, never stale).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<Deviation> DecisionEntries => _decisionEntries.Values.ToList();

    /// <summary>Reads a shipped profile by name, or a profile file by path; one clear line on any problem.</summary>
    public static TargetProfile Load(string nameOrPath)
    {
        var path = Shipped.Contains(nameOrPath)
            ? Path.Combine(AppContext.BaseDirectory, "Profiles", nameOrPath + ".yaml")
            : nameOrPath;
        if (!File.Exists(path))
            throw new ProfileException(Shipped.Contains(nameOrPath)
                ? $"profile '{nameOrPath}' is missing from {Path.GetDirectoryName(path)}"
                : $"unknown profile '{nameOrPath}': give {string.Join(", ", Shipped)} or a profile file (YAML or JSON) that exists");
        return Parse(File.ReadAllText(path), path);
    }

    public static TargetProfile Parse(string text, string source)
    {
        JsonNode? node;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            node = stream.Documents.Count == 0 ? null : stream.Documents[0].ToJsonNode();
        }
        catch (YamlException e)
        {
            throw new ProfileException($"profile {source} is not valid YAML or JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
        if (node is not JsonObject)
            throw new ProfileException($"profile {source} must be a mapping with name, deviations and budgets");
        TargetProfile profile;
        try
        {
            profile = node.Deserialize<TargetProfile>(Options) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new ProfileException($"profile {source}: {e.Message.ReplaceLineEndings(" ")}");
        }
        profile.Validate(source);
        return profile;
    }

    /// <summary>The budgets this profile plans within, per operationId (empty: none).</summary>
    public IReadOnlyDictionary<string, Throttling> BudgetsFor(ContractDocument contract)
    {
        var budgets = new Dictionary<string, Throttling>();
        if (Budgets == "documented")
            foreach (var operation in contract.AllOperations)
                if (operation.Throttling is { } t) budgets[operation.OperationId] = t;
        foreach (var (operation, text) in Budget)
            budgets[BudgetText.OperationId(contract, operation)] = BudgetText.Parse(text, $"budget {operation}");
        return budgets;
    }

    public IEnumerable<Deviation> Where(Func<Deviation, bool> kind) => Deviations.Where(kind);

    /// <summary>The entry accepting one of our own decisions (see <see cref="Profiles.OurDecisions"/>), if any.</summary>
    public Deviation? Relaxing(string decision) =>
        Deviations.FirstOrDefault(d => d.Decision == decision)
        ?? (OurDecisions == Accepted
            ? _decisionEntries.GetOrAdd(decision, id => new Deviation
            {
                Id = id,
                Decision = id,
                Reason = $"our decision (README \"Decisions\"): {(_decisions.TryGetValue(id, out var known) ? known.Reason : id)}",
            })
            : null);

    public Deviation? RelaxingRule(string rule) => Deviations.FirstOrDefault(d => d.RelaxedRule == rule);

    /// <summary>The entry that keeps a negative case from being sent: it relaxes the rule (ours or the seed's) the case breaks.</summary>
    public Deviation? Relaxes(Runner.NegativeCase negative) =>
        Profiles.OurDecisions.Behind(negative) is { } decision ? Relaxing(decision)
        : RelaxedRules.Behind(negative) is { } rule ? RelaxingRule(rule)
        : null;

    /// <summary>The entry that keeps a documented 400 case from being sent: its request breaks only a relaxed rule, or only rules of ours.</summary>
    public Deviation? Relaxes(ContractCase c) =>
        (Deviations.Any(d => d.RelaxedRule is not null) && RelaxedRules.Behind(c) is { } rule ? RelaxingRule(rule) : null)
        ?? (Profiles.OurDecisions.BehindRequest(c) is { } decision ? Relaxing(decision) : null);

    private void Validate(string source)
    {
        if (OurDecisions is not (Enforced or Accepted))
            throw new ProfileException($"profile {source}: ourDecisions must be {Enforced} or {Accepted}, not '{OurDecisions}'");
        if (Budgets is not ("documented" or "none"))
            throw new ProfileException($"profile {source}: budgets must be documented or none, not '{Budgets}'");
        foreach (var (operation, text) in Budget)
            try { BudgetText.Parse(text, $"budget {operation}"); }
            catch (ArgumentException e) { throw new ProfileException($"profile {source}: {e.Message}"); }
        var ids = new HashSet<string>();
        foreach (var deviation in Deviations)
        {
            if (deviation.Problem() is { } problem) throw new ProfileException($"profile {source}: deviation '{deviation.Id}': {problem}");
            if (!ids.Add(deviation.Id)) throw new ProfileException($"profile {source}: deviation id '{deviation.Id}' appears twice");
        }
    }

    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The profile as a JSON text (what --write-baseline writes; JSON is YAML too).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

/// <summary>A profile that cannot be read: the message is the one line the command prints.</summary>
public sealed class ProfileException(string message) : Exception(message);
