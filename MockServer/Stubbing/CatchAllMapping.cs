using System.Diagnostics;
using TwoFactorContracts.MockServer.Composition;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Http;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace TwoFactorContracts.MockServer.Stubbing;

/// <summary>
/// Our catch-all WireMock mapping: any request no case stub or user stub matched runs the mock's pipeline
/// (in examples mode: the stages' errors in the API's envelope, or the default answer for a valid request).
/// Lowest priority, so every other mapping wins. It answers the request the gateway read (<see cref="RoutedRequest"/>),
/// not WireMock's copy, so its answer is the fast path's.
/// </summary>
internal static class CatchAllMapping
{
    public static readonly Guid Id = new("2fa00000-0000-4000-8000-00000000ca11");

    public static void Add(WireMockServer server, PipelineEntry entry)
    {
        server.Given(Request.Create().WithPath(new WildcardMatcher("*")).UsingAnyMethod())
            .WithGuid(Id)
            .WithTitle("TwoFactorContracts mock: the API's own answers (lowest priority)")
            .AtPriority(int.MaxValue)
            .RespondWith(Response.Create().WithCallback(_ => AnswerAsync(entry)));
    }

    public static bool IsPresent(WireMockServer server) => server.Mappings.Any(m => m.Guid == Id);

    private static async Task<IResponseMessage> AnswerAsync(PipelineEntry entry)
    {
        var started = Stopwatch.GetTimestamp();
        ApiResponse answer;
        if (RequestIds.Current.Value is { } routed)
        {
            answer = await entry.AnswerAsync(routed.Request, routed.Aborted).ConfigureAwait(false);
            entry.Record(routed.Request, answer.Status, started);
            routed.Journaled = true;
        }
        else
        {
            answer = await entry.DefectAsync("our catch-all mapping answered a request the gateway did not read").ConfigureAwait(false);
        }

        var response = new ResponseMessage
        {
            StatusCode = answer.Status,
            BodyData = new BodyData { BodyAsBytes = answer.Body.ToArray(), DetectedBodyType = BodyType.Bytes },
        };
        response.AddHeader("Content-Type", answer.ContentType);
        if (answer.Header is { } header) response.AddHeader(header.Key, header.Value);
        return response;
    }
}
