using System.Text.Json.Nodes;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// Every expected configuration field has the expected value; times and limits compare by duration
/// (120m equals 2h), since the API reports them in its largest whole unit.
/// </summary>
public sealed class ConfigurationMatches : ICheck<ExpectedConfiguration>
{
    public string Name => "configuration";

    public CheckVerdict Run(CheckContext c, ExpectedConfiguration expected)
    {
        if (!ApplicationValue.TryRead(this, c, expected.Application, out var received, out var failure)) return failure;
        var wanted = expected.Values;
        if (received["configuration"] is not JsonObject got)
            return this.Fail("configuration is missing", wanted.ToJsonString(), ApplicationValue.Text(received["configuration"]));
        var differences = wanted
            .Where(f => !ApplicationValue.Same(f.Value, got[f.Key]))
            .Select(f => $"{f.Key}: expected {ApplicationValue.Text(f.Value)}, received {ApplicationValue.Text(got[f.Key])}")
            .ToList();
        return differences.Count == 0
            ? this.Pass($"{wanted.Count} configuration fields match")
            : this.Fail($"configuration differs: {string.Join("; ", differences)}", wanted.ToJsonString(), got.ToJsonString());
    }
}
