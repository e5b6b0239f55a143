using TwoFactorContracts.ConformanceTests.Reports;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>Every documented exchange against the examples-mode mock: the answer must be the documented example itself.</summary>
[Collection(ConformanceCollection.Name)]
public class ExactExampleTests(ConformanceFixture fixture)
{
    public static IEnumerable<object[]> Runnable() => CaseData.Documented(_ => CaseData.ExamplesMockRunning);

    public static IEnumerable<object[]> NoExamplesMock() => CaseData.Documented(_ => !CaseData.ExamplesMockRunning);

    [Theory]
    [MemberData(nameof(Runnable))]
    [MemberData(nameof(NoExamplesMock), Skip = CaseData.NeedsExamplesMockReason)]
    public async Task Answers_the_documented_example(CaseKey caseId)
    {
        var result = await fixture.Examples!.RunAsync(fixture.Case(caseId.Id));
        fixture.Report.Add(ConformanceReport.ExactExamples, result);
        result.Passed.ShouldBeTrue(result.Describe());
    }
}
