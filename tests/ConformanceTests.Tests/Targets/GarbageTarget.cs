using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>Answers 200 "application/json" with random bytes (seeded, so a failure replays the same bodies).</summary>
public static class GarbageTarget
{
    public static Task<LoopbackApp> StartAsync(int seed = 4)
    {
        var random = new Random(seed);
        var gate = new object();
        return LoopbackApp.StartAsync(async context =>
        {
            var garbage = new byte[200];
            lock (gate) random.NextBytes(garbage);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(garbage);
        });
    }
}
