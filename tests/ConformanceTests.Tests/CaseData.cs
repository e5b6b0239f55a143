using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;
using Xunit.Abstractions;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// Theory data read from the contract at discovery time: one row per documented case (by Id), so an example
/// added to the YAML is a new test with no code change. Rows that cannot run against the configured target
/// are handed to xunit as skipped rows, each group with its reason.
/// </summary>
public static class CaseData
{
    public const string NeedsPreferReason =
        "403/429/500 are asked for with the Prefer header, which only our mock honours; set CONFORMANCE_TARGET_KIND=mock if the target is our mock";
    public const string WritesReason = "the case writes and CONFORMANCE_READ_ONLY=true";
    public const string NeedsExamplesMockReason =
        "exact examples are checked against the in-process examples-mode mock, which is only started without CONFORMANCE_TARGET_URL";

    public const string RelaxedReason =
        "the target profile (CONFORMANCE_PROFILE) relaxes the rule this request breaks, so it is not sent: a target that does not enforce it would keep the application";

    private static readonly ConformanceSettings Settings = ConformanceSettings.Current;
    private static readonly Profiles.TargetProfile Profile = Profiles.TargetProfile.Load(Settings.Profile);
    private static readonly ContractDocument Contract = ContractDocument.Load();

    public static IEnumerable<object[]> Documented(Func<ContractCase, bool> include) =>
        Contract.Cases.Where(include).Select(c => new object[] { new CaseKey(c.Id) });

    public static bool SkippedForPrefer(ContractCase c) =>
        ConformanceRunner.NeedsPrefer(c) && !Settings.TargetIsOurMock && !(c.Statuses.Contains(403) && Settings.ForbiddenAuthorization is not null);

    public static bool SkippedForWriting(ContractCase c) => !SkippedForPrefer(c) && Settings.ReadOnly && ConformanceRunner.Writes(c);

    public static bool SkippedForProfile(ContractCase c) => !SkippedForPrefer(c) && !SkippedForWriting(c) && Profile.Relaxes(c) is not null;

    public static bool Runnable(ContractCase c) => !SkippedForPrefer(c) && !SkippedForWriting(c) && !SkippedForProfile(c);

    public static bool ExamplesMockRunning => Settings.InProcess;

    /// <summary>Negative cases: to send, relaxed by the profile (not sent), or all of them when the run is read-only.</summary>
    public static IEnumerable<object[]> Negative(bool? relaxed) =>
        (relaxed is null
            ? Settings.ReadOnly ? NegativeCases.For(Contract) : []
            : Settings.ReadOnly ? [] : NegativeCases.For(Contract).Where(n => (Profile.Relaxes(n) is not null) == relaxed))
        .Select(n => new object[] { new CaseKey(n.Id) });
}

/// <summary>A case id as theory data: shown whole in test names (xunit cuts string arguments at 50 characters).</summary>
public sealed class CaseKey : IXunitSerializable
{
    public CaseKey() => Id = "";

    public CaseKey(string id) => Id = id;

    public string Id { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Id = info.GetValue<string>(nameof(Id));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Id), Id);

    public override string ToString() => Id;
}
