using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner.Flow;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// Every documented case of the message template and PIN flow operations against the configured target
/// (<see cref="FlowCases"/>): one test per operation x example name x media type, read from the contract.
/// </summary>
[Collection(ConformanceCollection.Name)]
public class FlowDocumentedCaseTests(ConformanceFixture fixture)
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    public static IEnumerable<object[]> Cases() => FlowCases.All(Contract).Select(c => new object[] { new CaseKey(c.Id) });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Answers_as_documented(CaseKey caseId)
    {
        var c = FlowCases.All(Contract).Single(x => x.Id == caseId.Id);
        var result = await new FlowCases(fixture.Primary, fixture.Flow).RunAsync(c);
        fixture.Report.Add(ConformanceReport.Documented, result);
        if (result.Skipped)
        {
            // Against our mock only a state a scenario builds is left to that scenario; elsewhere the reason says why.
            if (fixture.Settings.TargetIsOurMock) result.SkipReason!.ShouldContain("judged by flow/", Case.Sensitive, result.Describe());
            return;
        }
        result.Passed.ShouldBeTrue(result.Describe());
    }
}
