using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// The engine's lifecycle scenarios (<see cref="Lifecycle"/>) as tests: create fills in defaults, get and list agree,
/// an update shows and a rejected one does not; unknown ids and missing credentials give the documented errors.
/// </summary>
[Collection(ConformanceCollection.Name)]
public class LifecycleTests(ConformanceFixture fixture)
{
    private Lifecycle Scenarios => new(fixture.Primary);

    [WritingFact]
    public Task Create_fills_in_defaults_get_and_list_agree_an_update_shows_and_a_rejected_one_does_not() =>
        Record(Scenarios.CreateReadUpdateAsync());

    [Fact]
    public Task An_unknown_id_gives_the_documented_404() => Record(Scenarios.UnknownIdAsync());

    [Fact]
    public Task Missing_credentials_give_the_documented_401_and_change_nothing() => Record(Scenarios.NoCredentialsAsync());

    private async Task Record(Task<IReadOnlyList<CaseResult>> scenario)
    {
        var results = await scenario;
        foreach (var result in results) fixture.Report.Add(ConformanceReport.Lifecycle, result);
        results.ShouldNotBeEmpty();
        results.ShouldAllBe(r => r.Passed, string.Join("\n", results.Select(r => r.Describe())));
    }
}
