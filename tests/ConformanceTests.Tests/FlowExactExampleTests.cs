using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner.Flow;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>Every documented case of the templates and the PIN flow against the examples-mode mock: the answer is the documented example itself.</summary>
[Collection(ConformanceCollection.Name)]
public class FlowExactExampleTests(ConformanceFixture fixture)
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    public static IEnumerable<object[]> Runnable() =>
        FlowCases.All(Contract).Where(_ => CaseData.ExamplesMockRunning).Select(c => new object[] { new CaseKey(c.Id) });

    [Theory]
    [MemberData(nameof(Runnable))]
    public async Task Answers_the_documented_example(CaseKey caseId)
    {
        var result = await new FlowCases(fixture.Examples!, fixture.Flow).RunAsync(FlowCases.All(Contract).Single(c => c.Id == caseId.Id));
        fixture.Report.Add(ConformanceReport.ExactExamples, result);
        result.Passed.ShouldBeTrue(result.Describe());
    }
}
