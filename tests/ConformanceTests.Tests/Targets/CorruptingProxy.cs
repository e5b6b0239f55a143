using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.ConformanceTests.Targets.Defects;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>
/// Forwards every request to a correct target (our mock) and hands the answer through one defect on the way
/// back, so a drift test changes exactly one thing about an otherwise right answer.
/// </summary>
public static class CorruptingProxy
{
    public static async Task<LoopbackApp> StartAsync(Uri upstream, IAnswerDefect defect)
    {
        var client = new HttpClient { BaseAddress = upstream };
        return await LoopbackApp.StartAsync(owned: client, handler: async context =>
        {
            try { await ForwardAsync(context, client, defect); }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                // A broken proxy must not pass for a defect of the target: say so plainly.
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                await context.Response.WriteAsync($"corrupting proxy failed: {e}");
            }
        });
    }

    private static async Task ForwardAsync(HttpContext context, HttpClient client, IAnswerDefect defect)
    {
        using var body = new StreamReader(context.Request.Body, Encoding.UTF8);
        var sent = new ProxiedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
            context.Request.Headers.Accept.ToString(), await body.ReadToEndAsync(), context.Request.ContentType);
        var request = defect.Rewrite(sent);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery.TrimStart('/'));
        foreach (var (name, values) in context.Request.Headers)
            if (name is not ("Host" or "Accept" or "Content-Type" or "Content-Length"))
                message.Headers.TryAddWithoutValidation(name, values.ToArray());
        message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        if (request.Body.Length > 0)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json");
        }
        using var response = await client.SendAsync(message);
        var answer = defect.Apply(sent, new ProxiedAnswer((int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync()));
        context.Response.StatusCode = answer.Status;
        if (answer.ContentType is not null) context.Response.ContentType = answer.ContentType;
        await context.Response.WriteAsync(answer.Body);
    }
}
