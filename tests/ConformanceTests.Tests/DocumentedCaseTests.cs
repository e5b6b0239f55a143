using TwoFactorContracts.ConformanceTests.Reports;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>Every documented exchange of the contract, replayed against the configured target and judged by the checks.</summary>
[Collection(ConformanceCollection.Name)]
public class DocumentedCaseTests(ConformanceFixture fixture)
{
    public static IEnumerable<object[]> Runnable() => CaseData.Documented(CaseData.Runnable);

    public static IEnumerable<object[]> NeedsPrefer() => CaseData.Documented(CaseData.SkippedForPrefer);

    public static IEnumerable<object[]> Writes() => CaseData.Documented(CaseData.SkippedForWriting);

    public static IEnumerable<object[]> Relaxed() => CaseData.Documented(CaseData.SkippedForProfile);

    [Theory]
    [MemberData(nameof(Runnable))]
    [MemberData(nameof(NeedsPrefer), Skip = CaseData.NeedsPreferReason)]
    [MemberData(nameof(Writes), Skip = CaseData.WritesReason)]
    [MemberData(nameof(Relaxed), Skip = CaseData.RelaxedReason)]
    public async Task Answers_as_documented(CaseKey caseId)
    {
        var result = await fixture.Primary.RunAsync(fixture.Case(caseId.Id));
        fixture.Report.Add(ConformanceReport.Documented, result);
        result.Passed.ShouldBeTrue(result.Describe());
    }
}
