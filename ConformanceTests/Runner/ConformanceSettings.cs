using System.Globalization;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>How strictly error answers are compared: <c>strict</c> compares texts exactly, <c>lenient</c> only messageIds.</summary>
public enum ConformanceMode { Strict, Lenient }

/// <summary>
/// Where the suite points and how it behaves, read from CONFORMANCE_* environment variables. Without
/// CONFORMANCE_TARGET_URL the suite starts our mock in-process.
/// </summary>
public sealed record ConformanceSettings(
    Uri? TargetUrl,
    string Authorization,
    ConformanceMode Mode,
    bool ReadOnly,
    TimeSpan Timeout,
    bool TargetIsOurMock,
    int MaxCreates,
    string ReportPath,
    string RunId)
{
    /// <summary>The target profile: seed (default), today, or a profile file (CONFORMANCE_PROFILE).</summary>
    public string Profile { get; init; } = Profiles.TargetProfile.Seed;

    /// <summary>Budget overrides, op=N/window each (CONFORMANCE_BUDGET, separated by ';').</summary>
    public IReadOnlyList<string> BudgetOverrides { get; init; } = [];

    /// <summary>A credential the target answers 403 (no 2FA permission): with it the documented 403 cases run against any target (CONFORMANCE_FORBIDDEN_AUTH).</summary>
    public string? ForbiddenAuthorization { get; init; }

    /// <summary>With a spent budget, mark the rest "not run: budget" instead of waiting (CONFORMANCE_NO_WAIT).</summary>
    public bool NoWait { get; init; }

    /// <summary>Skip the real-time expiry scenario against a target that is not our mock (CONFORMANCE_NO_EXPIRY).</summary>
    public bool NoExpiry { get; init; }

    /// <summary>
    /// Where the right PIN of a sent pinId comes from against a target that is not our mock: a URL with {pinId} and
    /// {to}, or a command (CONFORMANCE_PIN_FROM). Without it the right-PIN steps run only against our mock (its outbox).
    /// </summary>
    public string? PinFrom { get; init; }

    /// <summary>The phone number the PIN flow sends to (CONFORMANCE_PIN_TO); default the contract's send example's.</summary>
    public string? PinTo { get; init; }

    /// <summary>Our mock's admin credentials (its --admin-user/--admin-password as Basic), for its outbox and clock (CONFORMANCE_ADMIN_AUTH).</summary>
    public string? AdminAuthorization { get; init; }

    /// <summary>
    /// The whole run's deadline (CONFORMANCE_DEADLINE, --deadline; same syntax as the timeout): when it passes the run
    /// stops, the rest is "not run", and the reports are written for what ran. Null: none.
    /// </summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>The seed page's credentials (Aladdin / open sesame); our mock accepts any credential as an account.</summary>
    public const string SeedAuthorization = "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";

    public static ConformanceSettings Current { get; } = FromEnvironment(Environment.GetEnvironmentVariable);

    public bool InProcess => TargetUrl is null;

    public static ConformanceSettings FromEnvironment(Func<string, string?> env)
    {
        var url = Text(env, "CONFORMANCE_TARGET_URL") is { } u
            ? new Uri(u.EndsWith('/') ? u : u + "/", UriKind.Absolute)
            : null;
        var kind = Text(env, "CONFORMANCE_TARGET_KIND");
        if (kind is not null && kind is not ("mock" or "external"))
            throw new ArgumentException($"--target-kind (CONFORMANCE_TARGET_KIND) must be mock or external, not '{kind}'.");
        var isOurMock = url is null || kind == "mock";
        var mode = Text(env, "CONFORMANCE_MODE") switch
        {
            null => isOurMock ? ConformanceMode.Strict : ConformanceMode.Lenient,
            "strict" => ConformanceMode.Strict,
            "lenient" => ConformanceMode.Lenient,
            var other => throw new ArgumentException($"--mode (CONFORMANCE_MODE) must be strict or lenient, not '{other}'."),
        };
        return new ConformanceSettings(
            url,
            Text(env, "CONFORMANCE_AUTH") ?? SeedAuthorization,
            mode,
            Text(env, "CONFORMANCE_READ_ONLY") is { } ro && Bool(ro, "--read-only (CONFORMANCE_READ_ONLY)"),
            Text(env, "CONFORMANCE_TIMEOUT") is { } t ? ParseTime(t, "--timeout (CONFORMANCE_TIMEOUT)") : TimeSpan.FromSeconds(10),
            isOurMock,
            Text(env, "CONFORMANCE_MAX_CREATES") is { } max ? Count(max, "--max-creates (CONFORMANCE_MAX_CREATES)") : DefaultMaxCreates,
            Text(env, "CONFORMANCE_REPORT") ?? Path.Combine("TestResults", "conformance-summary.md"),
            Text(env, "CONFORMANCE_RUN_ID") ?? DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
                + "-" + Guid.NewGuid().ToString("N")[..4])
        {
            Profile = Text(env, "CONFORMANCE_PROFILE") ?? Profiles.TargetProfile.Seed,
            BudgetOverrides = Text(env, "CONFORMANCE_BUDGET")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            ForbiddenAuthorization = Text(env, "CONFORMANCE_FORBIDDEN_AUTH"),
            NoWait = Text(env, "CONFORMANCE_NO_WAIT") is { } nw && Bool(nw, "--no-wait (CONFORMANCE_NO_WAIT)"),
            NoExpiry = Text(env, "CONFORMANCE_NO_EXPIRY") is { } ne && Bool(ne, "--no-expiry (CONFORMANCE_NO_EXPIRY)"),
            PinFrom = Text(env, "CONFORMANCE_PIN_FROM"),
            PinTo = Text(env, "CONFORMANCE_PIN_TO") is { } to ? Msisdn(to) : null,
            AdminAuthorization = Text(env, "CONFORMANCE_ADMIN_AUTH"),
            Deadline = Text(env, "CONFORMANCE_DEADLINE") is { } d ? ParseTime(d, "--deadline (CONFORMANCE_DEADLINE)") : null,
        };
    }

    private static string Msisdn(string text) =>
        text.Length is >= 1 and <= 15 && text.All(char.IsAsciiDigit)
            ? text
            : throw new ArgumentException($"--pin-to (CONFORMANCE_PIN_TO) must be a phone number of 1 to 15 digits (MSISDN, no +), not '{text}'.");

    private static bool Bool(string text, string name) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new ArgumentException($"{name} must be true or false, not '{text}'."),
    };

    public const int DefaultMaxCreates = 8;

    public static int Count(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} must be a whole number, not '{text}'.");

    /// <summary>Seconds ("10", "2.5") or a duration in the API's time format ("500ms", "30s", "1m").</summary>
    public static TimeSpan ParseTimeout(string text) => ParseTime(text, "--timeout (CONFORMANCE_TIMEOUT)");

    /// <summary>A time a flag takes: seconds ("10", "2.5") or the API's time format ("500ms", "30s", "1m"); above zero, at most 24 days.</summary>
    public static TimeSpan ParseTime(string text, string name)
    {
        var time = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? seconds > 0 && seconds <= MaxTime.TotalSeconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null // NaN compares false
            : Checks.Durations.ParseTime(text)
              ?? throw new ArgumentException($"{name} '{text}' is neither seconds nor a time like 500ms or 30s.");
        return time is { } t && t > TimeSpan.Zero && t <= MaxTime
            ? t
            : throw new ArgumentException($"{name} '{text}' must be above zero and at most {MaxTime.TotalDays:0} days.");
    }

    /// <summary>The longest time a flag takes (a timer's limit is about 49 days).</summary>
    private static readonly TimeSpan MaxTime = TimeSpan.FromDays(24);

    private static string? Text(Func<string, string?> env, string name) =>
        env(name) is { Length: > 0 } value ? value.Trim() : null;
}
