using System.Text.Json.Nodes;
using TwoFactorContracts.ConformanceTests.Profiles;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// Every time and limit an application answer carries is in its largest whole unit, as the contract says the API
/// reports them (an update to 120m reads back as 2h, not 120m). This is our decision, not a rule either source
/// states: the verdict says so, and a profile relaxing it accepts other units.
/// </summary>
public sealed class TimesAreNormalised : ICheck<IApplicationsExpected>
{
    public string Name => "normalised-times";

    public CheckVerdict Run(CheckContext c, IApplicationsExpected expected)
    {
        var (node, _) = c.Values;
        var configurations = node switch
        {
            JsonObject application => [application["configuration"] as JsonObject],
            JsonArray list => list.Select(item => JsonRead.Object(item, "configuration")),
            _ => [],
        };
        var wrong = configurations.OfType<JsonObject>()
            .SelectMany(configuration => configuration)
            .Select(field => (field.Key, Text: JsonRead.String(field.Value)))
            .Where(field => field.Text is not null && Durations.Normalised(field.Text) is { } n && n != field.Text)
            .Select(field => $"{field.Key} {field.Text} (reads {Durations.Normalised(field.Text!)})")
            .Distinct()
            .ToList();
        if (wrong.Count == 0) return this.Pass("times and limits are in their largest whole unit");
        var text = $"times not in their largest whole unit: {string.Join(", ", wrong)}; {OurDecisions.Describe(c.Profile.Decisions, OurDecisions.TimesLargestUnit)}";
        return c.Profile.Relaxing(OurDecisions.TimesLargestUnit) is { } relaxed
            ? new CheckVerdict(Name, Outcome.Accepted, $"{relaxed.Reason} ({text})", "e.g. 2h for 120m", string.Join(", ", wrong)) { Deviation = relaxed.Id }
            : this.Fail(text, "e.g. 2h for 120m", string.Join(", ", wrong));
    }
}
