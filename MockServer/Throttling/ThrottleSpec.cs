using Budget = TwoFactorContracts.Contract.Throttling;

namespace TwoFactorContracts.MockServer.Throttling;

/// <summary>
/// The --throttle option: <c>off</c>; <c>real</c> (each operation's documented budget, the contract's
/// <c>x-throttling</c>); <c>real/3s</c> (those counts per a shorter window, for tests); <c>5/1s</c> (the same
/// count and window for every operation). Budgets apply per account and operation.
/// </summary>
public sealed record ThrottleSpec
{
    public static readonly ThrottleSpec Off = new();

    private ThrottleSpec() { }

    public bool Enabled => UsesContractBudgets || Requests is not null;

    /// <summary>The counts come from the contract's x-throttling (real, real/window).</summary>
    public bool UsesContractBudgets { get; private init; }

    /// <summary>One count for every operation (N/window); null with real.</summary>
    public int? Requests { get; private init; }

    /// <summary>The window: given with N/window or real/window; null with plain real (each operation's own).</summary>
    public TimeSpan? Window { get; private init; }

    /// <summary>The budget of an operation, or null when it is not throttled (real, and the contract gives none).</summary>
    /// <param name="documented">The operation's x-throttling in the contract, if any.</param>
    public Budget? BudgetOf(Budget? documented)
    {
        if (Requests is { } requests) return new Budget(requests, Window!.Value);
        if (!UsesContractBudgets || documented is null) return null;
        return Window is { } window ? documented with { Window = window } : documented;
    }

    /// <summary>Parses the option's text; throws <see cref="ArgumentException"/> with one line for the user.</summary>
    public static ThrottleSpec Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (value == "off") return Off;
        if (value == "real") return new ThrottleSpec { UsesContractBudgets = true };

        var slash = value.IndexOf('/');
        if (slash > 0)
        {
            var count = value[..slash];
            var window = Budget.ParseWindow(value[(slash + 1)..]);
            if (window is { } w)
            {
                if (count == "real") return new ThrottleSpec { UsesContractBudgets = true, Window = w };
                if (int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
                    return new ThrottleSpec { Requests = n, Window = w };
            }
        }
        throw new ArgumentException(
            $"--throttle must be off, real, real/<window> or <requests>/<window> (window like 500ms, 3s, 10m), not '{text}'.");
    }

    public override string ToString() =>
        Requests is { } n ? $"{n}/{Format(Window!.Value)}"
        : UsesContractBudgets ? (Window is { } w ? $"real/{Format(w)}" : "real")
        : "off";

    private static string Format(TimeSpan window) => Core.Duration.Format((long)window.TotalMilliseconds);
}
