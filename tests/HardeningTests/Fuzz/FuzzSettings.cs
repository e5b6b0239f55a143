using System.Globalization;

namespace TwoFactorContracts.HardeningTests.Fuzz;

/// <summary>
/// The fuzz run's bounds, each overridable by environment: HARDENING_FUZZ_SEED (default: a fresh one, printed),
/// HARDENING_FUZZ_COUNT (default 2000 requests) and HARDENING_FUZZ_SECONDS (default 30; the run stops at whichever comes first).
/// </summary>
public sealed record FuzzSettings(int Seed, int Count, TimeSpan Budget)
{
    public static FuzzSettings FromEnvironment() => new(
        Int("HARDENING_FUZZ_SEED") ?? Random.Shared.Next(),
        Int("HARDENING_FUZZ_COUNT") ?? 2000,
        TimeSpan.FromSeconds(Int("HARDENING_FUZZ_SECONDS") ?? 30));

    public string Rerun => $"HARDENING_FUZZ_SEED={Seed} HARDENING_FUZZ_COUNT={Count}";

    private static int? Int(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
