using Microsoft.Extensions.Time.Testing;
using TwoFactorContracts.MockServer.Flow;

namespace MockServer.Tests.Flow;

public sealed class OutboxAndClockTests
{
    private static OutboxMessage Message(int n, string to = "1001", string app = "APP1") =>
        new(PinChannel.Sms, to, null, $"text {n}", "1234", $"PIN{n}", app, "MSG", n);

    [Fact]
    public void The_outbox_filters_by_to_applicationId_and_pinId_oldest_first()
    {
        var outbox = new Outbox();
        outbox.Add(Message(1));
        outbox.Add(Message(2, to: "1002"));
        outbox.Add(Message(3, app: "APP2"));

        outbox.List().Select(m => m.PinId).ShouldBe(["PIN1", "PIN2", "PIN3"]);
        outbox.List(to: "1001").Select(m => m.PinId).ShouldBe(["PIN1", "PIN3"]);
        outbox.List(applicationId: "APP2").Single().PinId.ShouldBe("PIN3");
        outbox.List(pinId: "PIN2").Single().To.ShouldBe("1002");
        outbox.List(to: "1001", applicationId: "APP1").Single().PinId.ShouldBe("PIN1");
        outbox.Clear();
        outbox.List().ShouldBeEmpty();
    }

    [Fact]
    public void The_outbox_keeps_the_newest_messages_up_to_its_capacity()
    {
        var outbox = new Outbox(capacity: 3);
        for (var i = 1; i <= 5; i++) outbox.Add(Message(i));
        outbox.List().Select(m => m.PinId).ShouldBe(["PIN3", "PIN4", "PIN5"]);
        new Outbox().Capacity.ShouldBe(10_000);
    }

    [Fact]
    public void A_read_after_a_sequence_gives_what_is_new_and_where_the_outbox_stands()
    {
        var outbox = new Outbox(capacity: 3);
        var empty = outbox.Read();
        (empty.Messages.Count, empty.Latest, empty.Oldest, empty.Total).ShouldBe((0, 0L, 1L, 0));
        for (var i = 1; i <= 5; i++) outbox.Add(Message(i, to: i % 2 == 0 ? "1002" : "1001"));

        var all = outbox.Read();
        all.Messages.Select(m => (m.Sequence, m.PinId)).ShouldBe([(3L, "PIN3"), (4L, "PIN4"), (5L, "PIN5")]);
        (all.Latest, all.Oldest, all.Total).ShouldBe((5L, 3L, 3), "two rolled out: the oldest kept is the third");
        outbox.Read(after: 3).Messages.Select(m => m.PinId).ShouldBe(["PIN4", "PIN5"]);
        outbox.Read(after: 5).Messages.ShouldBeEmpty();
        outbox.Read(limit: 2).Messages.Select(m => m.PinId).ShouldBe(["PIN4", "PIN5"], "limit keeps the newest, oldest first");
        var filtered = outbox.Read(to: "1001", after: 3);
        filtered.Messages.Select(m => m.PinId).ShouldBe(["PIN5"]);
        filtered.Total.ShouldBe(2, "PIN3 and PIN5 match the filter");

        outbox.Clear();
        var cleared = outbox.Read();
        (cleared.Messages.Count, cleared.Latest, cleared.Oldest, cleared.Total).ShouldBe((0, 5L, 6L, 0));
        outbox.Add(Message(6));
        outbox.Read().Messages.Single().Sequence.ShouldBe(6, "a clear never reuses a sequence");
    }

    [Theory]
    [InlineData("15m", 15 * 60_000L)]
    [InlineData("500ms", 500L)]
    [InlineData("2h", 2 * 3_600_000L)]
    [InlineData("1d", 86_400_000L)]
    [InlineData("36500d", 36_500 * 86_400_000L)]
    public void An_advance_reads_the_APIs_time_format(string text, long milliseconds)
    {
        FlowClock.TryParseAdvance(text, out var parsed, out var problem).ShouldBeTrue();
        parsed.ShouldBe(milliseconds);
        problem.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("0m")]
    [InlineData("-1m")]
    [InlineData("15 m")]
    [InlineData("1w")]
    [InlineData("36501d")]
    [InlineData("99999999999999999999d")]
    public void A_bad_advance_is_refused_with_a_message(string? text)
    {
        FlowClock.TryParseAdvance(text, out _, out var problem).ShouldBeFalse();
        problem.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_manual_clock_stands_still_until_advanced_a_system_clock_runs()
    {
        var source = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero));
        var manual = new FlowClock(ClockMode.Manual, source);
        var system = new FlowClock(ClockMode.System, source);
        var start = source.GetUtcNow();

        source.Advance(TimeSpan.FromMinutes(5));
        manual.GetUtcNow().ShouldBe(start);
        system.GetUtcNow().ShouldBe(start.AddMinutes(5));

        manual.Advance(15 * 60_000);
        system.Advance(15 * 60_000);
        manual.GetUtcNow().ShouldBe(start.AddMinutes(15));
        system.GetUtcNow().ShouldBe(start.AddMinutes(20));
        manual.OffsetMillis.ShouldBe(15 * 60_000);
        manual.NowMillis.ShouldBe(start.AddMinutes(15).ToUnixTimeMilliseconds());

        manual.Reset(); // re-freezes at the source's now
        manual.OffsetMillis.ShouldBe(0);
        manual.GetUtcNow().ShouldBe(start.AddMinutes(5));
    }

    [Fact]
    public void The_clock_only_moves_forward_and_at_most_its_cap_in_total()
    {
        var clock = new FlowClock(ClockMode.Manual);
        Should.Throw<ArgumentOutOfRangeException>(() => clock.Advance(0));
        Should.Throw<ArgumentOutOfRangeException>(() => clock.Advance(-1));
        clock.Advance(FlowClock.MaxOffsetMillis);
        Should.Throw<ArgumentOutOfRangeException>(() => clock.Advance(1));
        clock.OffsetMillis.ShouldBe(FlowClock.MaxOffsetMillis);
    }

    [Fact]
    public void The_clock_mode_reads_system_or_manual()
    {
        FlowClock.ParseMode("manual").ShouldBe(ClockMode.Manual);
        FlowClock.ParseMode("System").ShouldBe(ClockMode.System);
        Should.Throw<ArgumentException>(() => FlowClock.ParseMode("fake")).Message.ShouldContain("--clock must be system or manual");
    }

    [Fact]
    public void A_limit_reads_the_APIs_limit_format()
    {
        RateLimit.TryParse("3/1d", out var limit).ShouldBeTrue();
        limit.ShouldBe(new RateLimit(3, 86_400_000));
        limit.ToString().ShouldBe("3/1d");
        RateLimit.TryParse("3/d", out _).ShouldBeFalse();
        RateLimit.TryParse("3/d", out var today, lengthOptional: true).ShouldBeTrue();
        today.IntervalMillis.ShouldBe(86_400_000);
        RateLimit.TryParse("x/1d", out _).ShouldBeFalse();
    }
}
