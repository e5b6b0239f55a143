using TwoFactorContracts.MockServer.Validation;

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

    // Ascending times (the clock only moves forward between resets, and a reset drops the windows).
    private readonly List<long> _times = [];

    public int Count => _times.Count;

    public bool Allows(RateLimit limit, long now)
    {
        if (limit.IsNone) return true;
        var since = now - limit.IntervalMillis;
        // The first time inside the interval (> since), by binary search: a window may hold thousands.
        int low = 0, high = _times.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_times[middle] > since) high = middle;
            else low = middle + 1;
        }
        return _times.Count - low < limit.Attempts;
    }

    public void Record(long now)
    {
        var expired = 0;
        while (expired < _times.Count && _times[expired] <= now - Duration.Year) expired++;
        if (_times.Count - expired >= MaxKept) expired = _times.Count - MaxKept + 1;
        if (expired > 0) _times.RemoveRange(0, expired);
        _times.Add(Math.Max(now, _times.Count > 0 ? _times[^1] : now));
    }
}

/// <summary>
/// One account's send and verify counts: sends per application, sends per application and phone number,
/// verifies per application and phone number (the limits are an application's, so its numbers are counted apart).
/// Not thread-safe: the account's lock guards it.
/// </summary>
internal sealed class SendLimits
{
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
        if (!windows.TryGetValue(key, out var window)) windows[key] = window = new SlidingWindow();
        return window;
    }
}
