using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>Drops every connection without an answer (the client sees a reset / premature end).</summary>
public static class ResettingTarget
{
    public static Task<LoopbackApp> StartAsync() => LoopbackApp.StartAsync(context =>
    {
        context.Abort();
        return Task.CompletedTask;
    });
}
