namespace TwoFactorContracts.ConformanceTests.Runner.Flow;

/// <summary>Picks the run's PIN source and clock: --pin-from when given, else our mock's admin API, else none (with why).</summary>
public static class PinSources
{
    public const string NoSourceReason =
        "not run: the right PIN is unknown on a target that is not our mock; give --pin-from <url or command> (CONFORMANCE_PIN_FROM) to read it, or --target-kind mock if the target is our mock";

    /// <summary>A URL (http or https) is asked with GET; anything else is a command.</summary>
    public static IPinSource? For(ConformanceSettings settings, ConformanceTarget target, MockAdmin? admin) =>
        settings.PinFrom is { } from
            ? Uri.TryCreate(from.Replace("{pinId}", "x").Replace("{to}", "x"), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? new UrlPinSource(from, settings.Timeout)
                : new CommandPinSource(from, settings.Timeout)
            : admin;

    /// <summary>Our mock's admin API, when the target is our mock (its outbox and clock).</summary>
    public static MockAdmin? Admin(ConformanceSettings settings, ConformanceTarget target) =>
        !target.HonoursPrefer ? null
        : target.Client is { } http ? new MockAdmin(http, settings.AdminAuthorization, settings.Timeout)
        : new MockAdmin(target.BaseUrl, settings.AdminAuthorization, settings.Timeout);
}
