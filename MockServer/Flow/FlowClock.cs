using System.Diagnostics.CodeAnalysis;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Flow;

/// <summary>How the mock's PIN-flow clock runs (--clock).</summary>
public enum ClockMode
{
    /// <summary>Real time plus the offset that advances added.</summary>
    System,

    /// <summary>Frozen at the real time of start (or of the last reset); moves only when advanced.</summary>
    Manual,
}

/// <summary>
/// The time PIN expiry, send and verify limits and the outbox read: a <see cref="TimeProvider"/> (the IClock) over
/// a source clock (the options' one, so tests can inject theirs), plus an offset that <see cref="Advance"/> moves
/// forward. Nothing in the flow sleeps; a test of expiry advances this clock.
/// </summary>
public sealed class FlowClock : TimeProvider
{
    /// <summary>The furthest the clock may be moved ahead in total (keeps every date representable).</summary>
    public const long MaxOffsetMillis = 100 * Duration.Year;

    private readonly TimeProvider _source;
    private readonly object _lock = new();
    // The offset and the frozen instant change together: readers (every send and verify) take the pair as one
    // reference, without the lock that writers (advance, reset) hold.
    private volatile State _state;

    private sealed record State(long OffsetMillis, DateTimeOffset FrozenAt);

    public FlowClock(ClockMode mode = ClockMode.System, TimeProvider? source = null)
    {
        Mode = mode;
        _source = source ?? System;
        _state = new State(0, _source.GetUtcNow());
    }

    public ClockMode Mode { get; }

    /// <summary>How far advances have moved the clock since start or the last reset.</summary>
    public long OffsetMillis => _state.OffsetMillis;

    public override DateTimeOffset GetUtcNow()
    {
        var state = _state;
        return (Mode == ClockMode.Manual ? state.FrozenAt : _source.GetUtcNow()).AddMilliseconds(state.OffsetMillis);
    }

    /// <summary>Now, in epoch milliseconds (the API's sentAt and verifiedAt unit).</summary>
    public long NowMillis => GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Moves the clock forward.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or the total offset would exceed <see cref="MaxOffsetMillis"/>.</exception>
    public void Advance(long milliseconds)
    {
        if (milliseconds <= 0) throw new ArgumentOutOfRangeException(nameof(milliseconds), "The clock only moves forward.");
        lock (_lock)
        {
            var state = _state;
            if (milliseconds > MaxOffsetMillis - state.OffsetMillis)
                throw new ArgumentOutOfRangeException(nameof(milliseconds), $"The clock moves at most {Duration.Format(MaxOffsetMillis)} ahead in total.");
            _state = state with { OffsetMillis = state.OffsetMillis + milliseconds };
        }
    }

    /// <summary>Offset back to zero; a manual clock re-freezes at the source's now.</summary>
    public void Reset()
    {
        lock (_lock) _state = new State(0, _source.GetUtcNow());
    }

    /// <summary>
    /// Reads an advance in the API's time format (<c>15m</c>, <c>2h</c>, <c>500ms</c>); false with a message for
    /// the user otherwise.
    /// </summary>
    public static bool TryParseAdvance(string? text, out long milliseconds, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (!Duration.TryParse(text, out milliseconds))
        {
            problem = "advance must be a time like \"15m\": a positive whole number and one of the units ms, s, m, h, d.";
            return false;
        }
        if (milliseconds > MaxOffsetMillis)
        {
            problem = $"advance must not exceed {Duration.Format(MaxOffsetMillis)}.";
            return false;
        }
        return true;
    }

    public static ClockMode ParseMode(string text) => text.ToLowerInvariant() switch
    {
        "system" => ClockMode.System,
        "manual" => ClockMode.Manual,
        _ => throw new ArgumentException($"--clock must be system or manual, not '{text}'."),
    };
}
