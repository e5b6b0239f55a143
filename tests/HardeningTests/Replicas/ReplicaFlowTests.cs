using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.Replicas;

/// <summary>
/// The PIN flow on replicas that share a Redis (docs/mock.md): each send and verify reads the application's
/// configuration from Redis at that moment, so a change made through another replica applies to what comes
/// next; templates and PINs stay the replica's own this round.
/// </summary>
[Collection(nameof(ReplicaCollection))]
public sealed class ReplicaFlowTests(SharedRedisFixture redis) : IClassFixture<SharedRedisFixture>
{
    [Fact]
    public async Task A_configuration_changed_through_another_replica_governs_the_next_verify_while_templates_stay_per_replica()
    {
        await using var replicas = await ReplicaSet.StartAsync(redis.Redis.Url, 2);
        var account = Accounts.New("flow");
        var created = await Post(replicas.Client(0), Api.Collection, account,
            """{"name":"flow","configuration":{"pinAttempts":1,"verifyPinLimit":"100/1s"}}""");
        var app = JsonNode.Parse(created.Body)!["applicationId"]!.GetValue<string>();
        var template = await Post(replicas.Client(0), $"{Api.Collection}/{app}/messages", account, """{"messageText":"Code {{pin}}","pinType":"NUMERIC"}""");
        var messageId = JsonNode.Parse(template.Body)!["messageId"]!.GetValue<string>();
        var sent = await Post(replicas.Client(0), "/2fa/2/pin", account, $$"""{"applicationId":"{{app}}","messageId":"{{messageId}}","to":"41793026727"}""");
        var pinId = JsonNode.Parse(sent.Body)!["pinId"]!.GetValue<string>();
        var pin = replicas[0].Flow.Outbox.List(pinId: pinId).Single().Pin;

        (await Api.SendAsync(replicas.Client(1), "PUT", $"{Api.Collection}/{app}", account,
            """{"name":"flow","configuration":{"pinAttempts":4}}""", BodyFormat.Json)).Status.ShouldBe(200);
        var wrong = await Post(replicas.Client(0), $"/2fa/2/pin/{pinId}/verify", account, $$"""{"pin":"{{(pin[0] == '1' ? '2' : '1')}}{{pin[1..]}}"}""");
        JsonNode.Parse(wrong.Body)!["attemptsRemaining"]!.GetValue<int>().ShouldBe(3, "pinAttempts 4, read from Redis at verify time");

        (await Api.SendAsync(replicas.Client(1), "GET", $"{Api.Collection}/{app}/messages/{messageId}", account, accept: "application/json"))
            .ShouldBeEnvelope(404, BodyFormat.Json);
        (await Api.SendAsync(replicas.Client(1), "POST", $"/2fa/2/pin/{pinId}/verify", account, $$"""{"pin":"{{pin}}"}""", BodyFormat.Json))
            .ShouldBeEnvelope(404, BodyFormat.Json);
    }

    private static async Task<ApiAnswer> Post(HttpClient client, string path, string account, string json)
    {
        var answer = await Api.SendAsync(client, "POST", path, account, json, BodyFormat.Json);
        answer.Status.ShouldBe(200, answer.ToString());
        return answer;
    }
}
