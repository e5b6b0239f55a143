using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>
/// Never answers while the run lasts: each request awaits a signal that only disposal gives (or the client
/// going away), so it outlasts any client timeout without sleeping.
/// </summary>
public sealed class SlowTarget : IAsyncDisposable
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackApp? _app;
    private int _requests;

    public Uri BaseUrl => _app!.BaseUrl;

    /// <summary>Requests that arrived (and were held): proves the runner did reach the target.</summary>
    public int Requests => _requests;

    public static async Task<SlowTarget> StartAsync()
    {
        var target = new SlowTarget();
        target._app = await LoopbackApp.StartAsync(target.HandleAsync);
        return target;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        await _released.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        if (!context.RequestAborted.IsCancellationRequested) context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        if (_app is not null) await _app.DisposeAsync();
    }
}
