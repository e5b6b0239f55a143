using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Throttling;

namespace MockServer.Tests.Flow;

public sealed class SendLimitsTests
{
    private static readonly FlowConfiguration OnePerDay = new FlowKit().Configuration with { SendPinPerApplicationLimit = RateLimit.None, SendPinPerPhoneNumberLimit = FlowKit.Limit("1/1d") };

    [Fact]
    public void Counts_of_the_least_recently_used_numbers_are_forgotten_beyond_the_bound()
    {
        var limits = new SendLimits();
        for (var i = 0; i < SendLimits.MaxNumbers; i++) limits.RecordSend(OnePerDay.ApplicationId, $"n{i}", now: i);
        limits.RefuseSend(OnePerDay, "n0", SendLimits.MaxNumbers).ShouldBe(FlowError.TooManyForPhoneNumber);

        limits.RecordSend(OnePerDay.ApplicationId, "new", now: SendLimits.MaxNumbers);
        limits.RefuseSend(OnePerDay, "n0", SendLimits.MaxNumbers).ShouldBeNull(); // the oldest tenth forgotten
        limits.RefuseSend(OnePerDay, $"n{SendLimits.MaxNumbers / 10}", SendLimits.MaxNumbers).ShouldBe(FlowError.TooManyForPhoneNumber);
        limits.RefuseSend(OnePerDay, "new", SendLimits.MaxNumbers).ShouldBe(FlowError.TooManyForPhoneNumber);
    }

    [Fact]
    public void A_window_keeps_a_bounded_number_of_times_and_still_counts_its_limit()
    {
        var window = new SlidingWindow();
        for (var i = 0; i < SlidingWindow.MaxKept + 5; i++) window.Record(i);
        window.Count.ShouldBe(SlidingWindow.MaxKept);
        window.Allows(new RateLimit(SlidingWindow.MaxKept, 1_000_000), SlidingWindow.MaxKept + 5).ShouldBeFalse();
        // At MaxKept+5, a 3 ms interval holds the times MaxKept+3 and MaxKept+4.
        window.Allows(new RateLimit(3, 3), SlidingWindow.MaxKept + 5).ShouldBeTrue();
        window.Allows(new RateLimit(2, 3), SlidingWindow.MaxKept + 5).ShouldBeFalse();
        window.Allows(RateLimit.None, SlidingWindow.MaxKept + 6).ShouldBeTrue();
    }

    [Fact]
    public void A_window_forgets_times_older_than_a_year_the_longest_interval_the_API_takes()
    {
        var window = new SlidingWindow();
        window.Record(0);
        window.Record(1);
        window.Record(TwoFactorContracts.MockServer.Core.Duration.Year + 1);
        window.Count.ShouldBe(1);
        window.Newest.ShouldBe(TwoFactorContracts.MockServer.Core.Duration.Year + 1);
    }
}
