using System.Diagnostics;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.Pipeline;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace TwoFactorContracts.MockServer.Hosting;

/// <summary>
/// Our catch-all WireMock mapping: any request no case stub or user stub matched runs the mock's pipeline
/// (in examples mode: the stages' errors in the API's envelope, or the default answer for a valid request).
/// Lowest priority, so every other mapping wins.
/// </summary>
internal static class CatchAllMapping
{
    public static readonly Guid Id = new("2fa00000-0000-4000-8000-00000000ca11");

    public static void Add(WireMockServer server, Task<MockParts> parts, RequestJournal journal, MockServerOptions options)
    {
        server.Given(Request.Create().WithPath(new WildcardMatcher("*")).UsingAnyMethod())
            .WithGuid(Id)
            .WithTitle("TwoFactorContracts mock: the API's own answers (lowest priority)")
            .AtPriority(int.MaxValue)
            .RespondWith(Response.Create().WithCallback(message => AnswerAsync(message, parts, journal, options)));
    }

    public static bool IsPresent(WireMockServer server) => server.Mappings.Any(m => m.Guid == Id);

    private static async Task<IResponseMessage> AnswerAsync(IRequestMessage message, Task<MockParts> parts, RequestJournal journal, MockServerOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        var ready = await parts.ConfigureAwait(false);
        var body = message.BodyData?.BodyAsBytes ?? (message.Body is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : null);
        var bodyMethod = message.Method is "POST" or "PUT";
        var request = new ApiRequest
        {
            RequestId = RequestIds.Current.Value?.Id,
            Method = message.Method,
            Path = message.Path,
            Authorization = Header(message, "Authorization"),
            Accept = Header(message, "Accept"),
            ContentType = Header(message, "Content-Type"),
            Prefer = Header(message, "Prefer"),
            Body = bodyMethod && body is not null && body.Length <= options.MaxBodyBytes ? body : default,
            BodyTooLarge = bodyMethod && body is not null && body.Length > options.MaxBodyBytes,
        };
        ApiResponse answer;
        try
        {
            answer = await ready.Pipeline.HandleAsync(request).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (options.Verbosity != Verbosity.Quiet) Console.Error.WriteLine($"error: {request.Method} {request.Path}: {e}");
            answer = ready.Pipeline.GeneralError();
        }
        ApiGateway.Record(journal, options, request, answer.Status, started);
        if (RequestIds.Current.Value is { } routed) routed.Journaled = true;

        var response = new ResponseMessage
        {
            StatusCode = answer.Status,
            BodyData = new BodyData { BodyAsBytes = answer.Body.ToArray(), DetectedBodyType = BodyType.Bytes },
        };
        response.AddHeader("Content-Type", answer.ContentType);
        if (answer.Header is { } header) response.AddHeader(header.Key, header.Value);
        return response;
    }

    private static string? Header(IRequestMessage message, string name)
    {
        if (message.Headers is null) return null;
        foreach (var (key, values) in message.Headers)
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
                return values.Count == 1 ? values[0] : string.Join(", ", values);
        return null;
    }
}
