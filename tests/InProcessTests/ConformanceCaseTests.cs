using TwoFactorContracts.Testing;

namespace InProcessTests;

/// <summary>
/// Every case of a conformance run as a test of its own, through the Testing package's data source
/// (<see cref="ConformanceVerifier.CaseIds"/>), each run alone against the mock behind a handler of its own.
/// </summary>
public sealed class ConformanceCaseTests
{
    public static TheoryData<string> SeedCases => ConformanceVerifier.CaseIds("seed");

    [Theory]
    [MemberData(nameof(SeedCases))]
    public async Task The_case_conforms(string id)
    {
        var result = await ConformanceVerifier.VerifyAsync(new TwoFactorMockHandler(), "seed", new ConformanceVerifierOptions { Only = id });

        result.Conforms.ShouldBeTrue(result.Summary);
        result.Report!.All.ShouldNotBeEmpty();
    }

    [Fact]
    public void The_data_source_names_every_kind_of_case_once()
    {
        var ids = Ids(ConformanceVerifier.CaseIds("seed"));

        ids.ShouldBeUnique();
        ids.ShouldContain("getApplication/basic/json");
        ids.ShouldContain(id => id.StartsWith("lifecycle/", StringComparison.Ordinal));
        Ids(ConformanceVerifier.CaseIds("seed", new ConformanceVerifierOptions { Only = "getApplication/*" }))
            .ShouldAllBe(id => id.StartsWith("getApplication/", StringComparison.Ordinal));
    }

    private static List<string> Ids(TheoryData<string> rows) => ((IEnumerable<object[]>)rows).Select(row => (string)row[0]).ToList();
}
