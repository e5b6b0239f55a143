using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Flow;

/// <summary>A limit in the API's format <c>{attempts}/{time}</c>: at most Attempts requests per IntervalMillis.</summary>
public readonly record struct RateLimit(long Attempts, long IntervalMillis)
{
    /// <summary>No limit (a configuration without the value and without a contract default).</summary>
    public static readonly RateLimit None = default;

    public bool IsNone => Attempts <= 0 || IntervalMillis <= 0;

    /// <summary>Reads <c>3/1d</c>, <c>10/15m</c> with the API's parser (<see cref="Limit"/>).</summary>
    public static bool TryParse(string? text, out RateLimit limit, bool lengthOptional = false)
    {
        var parsed = Limit.TryParse(text, out var attempts, out var interval, lengthOptional);
        limit = parsed ? new RateLimit(attempts, interval) : None;
        return parsed;
    }

    public override string ToString() => IsNone ? "none" : Limit.Format(Attempts, IntervalMillis);
}

/// <summary>
/// The times of the requests one limit counts, oldest first. Sliding: a request is allowed while fewer than
/// <c>attempts</c> were counted in the last interval. Keeps at most <see cref="MaxKept"/> times and none older than
/// a year (the longest interval the API takes), so a configuration changed later still counts what happened.
/// </summary>
internal sealed class SlidingWindow
{
    public const int MaxKept = 10_000;

    // A ring of ascending times (the clock only moves forward between resets, and a reset drops the windows):
    // dropping the oldest is O(1), so a full window costs a hot send nothing extra.
    private long[] _times = new long[4];
    private int _head;
    private int _count;

    public int Count => _count;

    /// <summary>The latest request counted (0 when none).</summary>
    public long Newest => _count > 0 ? At(_count - 1) : 0;

    public bool Allows(RateLimit limit, long now)
    {
        if (limit.IsNone) return true;
        var since = now - limit.IntervalMillis;
        // The first time inside the interval (> since), by binary search: a window may hold thousands.
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (At(middle) > since) high = middle;
            else low = middle + 1;
        }
        return _count - low < limit.Attempts;
    }

    public void Record(long now)
    {
        while (_count > 0 && At(0) <= now - Duration.Year) Drop();
        if (_count == MaxKept) Drop();
        if (_count == _times.Length) Grow();
        var time = _count > 0 ? Math.Max(now, At(_count - 1)) : now;
        _times[(_head + _count) % _times.Length] = time;
        _count++;
    }

    private long At(int index) => _times[(_head + index) % _times.Length];

    private void Drop()
    {
        _head = (_head + 1) % _times.Length;
        _count--;
    }

    private void Grow()
    {
        var grown = new long[Math.Min(MaxKept, _times.Length * 2)];
        for (var i = 0; i < _count; i++) grown[i] = At(i);
        _times = grown;
        _head = 0;
    }
}

/// <summary>
/// One account's send and verify counts: sends per application, sends per application and phone number,
/// verifies per application and phone number (the limits are an application's, so its numbers are counted apart).
/// Not thread-safe: the account's lock guards it.
/// </summary>
internal sealed class SendLimits
{
    /// <summary>
    /// Most phone numbers counted per kind; beyond it the tenth least recently used are forgotten (their counts
    /// restart), so endless new numbers cannot grow an account's memory without bound.
    /// </summary>
    public const int MaxNumbers = 100_000;

    private readonly Dictionary<string, SlidingWindow> _perApplication = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), SlidingWindow> _perPhoneNumber = [];
    private readonly Dictionary<(string, string), SlidingWindow> _verifies = [];

    /// <summary>Why a send (or resend) to <paramref name="to"/> is refused now, or null.</summary>
    public FlowError? RefuseSend(FlowConfiguration configuration, string to, long now)
    {
        if (_perApplication.TryGetValue(configuration.ApplicationId, out var application) && !application.Allows(configuration.SendPinPerApplicationLimit, now))
            return FlowError.TooManyForApplication;
        if (_perPhoneNumber.TryGetValue((configuration.ApplicationId, to), out var phone) && !phone.Allows(configuration.SendPinPerPhoneNumberLimit, now))
            return FlowError.TooManyForPhoneNumber;
        return null;
    }

    public void RecordSend(string applicationId, string to, long now)
    {
        Window(_perApplication, applicationId).Record(now);
        Window(_perPhoneNumber, (applicationId, to)).Record(now);
    }

    /// <summary>Counts a verify of a PIN sent to <paramref name="msisdn"/>; false (nothing counted) when the limit refuses it.</summary>
    public bool TryCountVerify(FlowConfiguration configuration, string msisdn, long now)
    {
        var window = Window(_verifies, (configuration.ApplicationId, msisdn));
        if (!window.Allows(configuration.VerifyPinLimit, now)) return false;
        window.Record(now);
        return true;
    }

    private static SlidingWindow Window<TKey>(Dictionary<TKey, SlidingWindow> windows, TKey key)
        where TKey : notnull
    {
        if (windows.TryGetValue(key, out var window)) return window;
        if (windows.Count >= MaxNumbers)
            foreach (var stale in windows.OrderBy(w => w.Value.Newest).Take(MaxNumbers / 10).Select(w => w.Key).ToList())
                windows.Remove(stale);
        windows[key] = window = new SlidingWindow();
        return window;
    }
}
