using System.Diagnostics;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer.Faults;

namespace MockServer.Tests.Faults;

public class DelayTests
{
    [Fact]
    public async Task Every_API_answer_waits_at_least_the_delay()
    {
        await using var mock = await QuietMock.StartAsync(o => o.DelayMs = 300);
        var client = ApiClient.ForNewAccount(mock.Host.BaseUrl);
        var watch = Stopwatch.StartNew();
        await (await client.GetAsync()).ShouldBeOk();
        watch.ElapsedMilliseconds.ShouldBeGreaterThanOrEqualTo(300);
    }

    [Fact]
    public async Task A_fixed_delay_is_cancellable()
    {
        var delay = new FixedDelay(TimeSpan.FromMinutes(10));
        using var cancel = new CancellationTokenSource();
        var waiting = delay.ApplyAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(waiting);
    }
}
