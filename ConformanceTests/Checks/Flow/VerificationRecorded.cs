using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// The verification status answers from what happened: the phone number is listed with the expected <c>verified</c>,
/// a real <c>sentAt</c>, and once verified a <c>verifiedAt</c> no earlier than it (epoch milliseconds).
/// </summary>
public sealed class VerificationRecorded : ICheck<ExpectedVerificationStatus>
{
    public string Name => "verification";

    public CheckVerdict Run(CheckContext c, ExpectedVerificationStatus expected)
    {
        if (!FlowValue.TryObject(this, c, "a verification status", out var answer, out var failure)) return failure;
        var entries = (answer["verifications"] as JsonArray)?.OfType<JsonObject>()
            .Where(v => FlowValue.Text(v["msisdn"]) == expected.Msisdn).ToList() ?? [];
        if (entries.Count == 0)
            return this.Fail($"no verification of {expected.Msisdn} is listed", expected.Msisdn, CheckContext.Excerpt(c.Exchange.Body));
        var matching = entries.FirstOrDefault(v => FlowValue.Bool(v["verified"]) == expected.Verified);
        if (matching is null)
            return this.Fail($"{expected.Msisdn} is listed, but none with verified {expected.Verified.ToString().ToLowerInvariant()}",
                $"verified {expected.Verified.ToString().ToLowerInvariant()}", CheckContext.Excerpt(new JsonArray([.. entries.Select(e => e.DeepClone())]).ToJsonString()));
        var sentAt = FlowValue.Long(matching["sentAt"]) ?? 0;
        if (sentAt <= 0)
            return this.Fail("the verification has no sentAt", "sentAt in epoch milliseconds", FlowValue.Text(matching["sentAt"]) ?? "(missing)");
        if (!expected.Verified) return this.Pass($"{expected.Msisdn} listed as not verified, sent at {sentAt}");
        var verifiedAt = FlowValue.Long(matching["verifiedAt"]);
        return verifiedAt >= sentAt
            ? this.Pass($"{expected.Msisdn} verified at {verifiedAt}, sent at {sentAt}")
            : this.Fail($"verifiedAt {FlowValue.Text(matching["verifiedAt"]) ?? "(missing)"} is not at or after sentAt {sentAt}",
                $"verifiedAt >= {sentAt}", FlowValue.Text(matching["verifiedAt"]) ?? "(missing)");
    }
}
