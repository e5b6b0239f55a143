using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>Requests that break exactly one rule of the request schema must get 400 in the envelope, never 2xx or 5xx.</summary>
[Collection(ConformanceCollection.Name)]
public class NegativeCaseTests(ConformanceFixture fixture)
{
    public static IEnumerable<object[]> Runnable() => CaseData.Negative(relaxed: false);

    public static IEnumerable<object[]> Relaxed() => CaseData.Negative(relaxed: true);

    public static IEnumerable<object[]> Writes() => CaseData.Negative(relaxed: null);

    [Theory]
    [MemberData(nameof(Runnable))]
    [MemberData(nameof(Relaxed), Skip = CaseData.RelaxedReason)]
    [MemberData(nameof(Writes), Skip = "a target that wrongly accepts a broken request would write, and CONFORMANCE_READ_ONLY=true")]
    public async Task Breaking_one_rule_gets_400_in_the_envelope(CaseKey negativeId)
    {
        var negative = NegativeCases.For(fixture.Contract).Single(n => n.Id == negativeId.Id);
        var result = await fixture.Primary.RunAsync(negative);
        fixture.Report.Add(ConformanceReport.Negative, result);
        result.Passed.ShouldBeTrue(result.Describe());
    }
}
