using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Concurrency;
using TwoFactorContracts.HardeningTests.Support;
using TwoFactorContracts.MockServer;

namespace TwoFactorContracts.HardeningTests.Replicas;

/// <summary>
/// Two and three in-process replicas on one Redis behave as one mock (issue 14): what one stores the others
/// see, the seed is written once, creates and updates from many connections lose and mix nothing, accounts and
/// --max-accounts hold over all replicas. Loopback only, bounded in requests and time.
/// </summary>
[Collection(nameof(ReplicaCollection))]
public sealed class ReplicaStateTests(SharedRedisFixture redis) : IClassFixture<SharedRedisFixture>
{
    [Fact]
    public async Task An_application_created_through_one_replica_is_listed_got_and_updated_through_the_others()
    {
        await using var replicas = await ReplicaSet.StartAsync(redis.Redis.Url, 3);
        var account = Accounts.New("cross");
        var (created, id) = await ReplicaApi.CreateAsync(replicas.Client(0), account, "made-on-0");
        id.ShouldNotBeNull($"create: {created}");

        for (var r = 0; r < 3; r++)
        {
            var list = await ReplicaApi.ListAsync(replicas.Client(r), account);
            list.Count(a => a.Id == id).ShouldBe(1, $"replica {r} lists it once");
            list[^1].Id.ShouldBe(id, $"replica {r}: the newest comes last (creation order)");
            var got = await Api.SendAsync(replicas.Client(r), "GET", $"{Api.Collection}/{id}", account, accept: "application/xml");
            got.Status.ShouldBe(200, $"replica {r} get: {got}");
            got.Body.ShouldContain("<name>made-on-0</name>");
        }

        var updated = await Api.SendAsync(replicas.Client(1), "PUT", $"{Api.Collection}/{id}", account, "{\"name\":\"changed-on-1\",\"configuration\":{\"pinAttempts\":7}}", BodyFormat.Json);
        updated.Status.ShouldBe(200, $"update: {updated}");
        var seen = await Api.SendAsync(replicas.Client(2), "GET", $"{Api.Collection}/{id}", account, accept: "application/json");
        var application = JsonNode.Parse(seen.Body)!;
        application["name"]!.GetValue<string>().ShouldBe("changed-on-1");
        application["configuration"]!["pinAttempts"]!.GetValue<int>().ShouldBe(7);
        application["configuration"]!["pinTimeToLive"]!.GetValue<string>().ShouldBe(JsonNode.Parse(created.Body)!["configuration"]!["pinTimeToLive"]!.GetValue<string>(), "an omitted field keeps its value");
        application["processId"]!.GetValue<string>().ShouldBe(JsonNode.Parse(created.Body)!["processId"]!.GetValue<string>());

        var unknown = await Api.SendAsync(replicas.Client(2), "PUT", $"{Api.Collection}/{new string('A', 32)}", account, "{\"name\":\"x\"}", BodyFormat.Json);
        unknown.ShouldBeEnvelope(404, BodyFormat.Json);
    }

    [Fact]
    public async Task A_reset_through_one_replica_empties_the_shared_state_while_each_journal_stays_its_own()
    {
        await using var replicas = await ReplicaSet.StartAsync(redis.Redis.Url, 2);
        var account = Accounts.New("reset");
        var seed = await ReplicaApi.ListAsync(replicas.Client(0), account);
        var (_, id) = await ReplicaApi.CreateAsync(replicas.Client(0), account, "before-reset");
        (await ReplicaApi.ListAsync(replicas.Client(1), account)).Count.ShouldBe(seed.Count + 1);
        replicas[0].Journal.Snapshot().Length.ShouldBe(2, "replica 0 journals its own two requests");
        replicas[1].Journal.Snapshot().Length.ShouldBe(1, "replica 1 journals only the list it answered");

        var reset = await replicas.Client(1).PostAsync("/__admin/reset", null);
        reset.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        var after = await ReplicaApi.ListAsync(replicas.Client(0), account);
        after.ShouldBe(seed, "replica 0 is back to the seed after a reset through replica 1");
        after.ShouldNotContain(a => a.Id == id);
        replicas[0].Journal.Snapshot().Length.ShouldBe(3, "replica 1's reset leaves replica 0's journal alone");
        replicas[1].Journal.Snapshot().Length.ShouldBe(0, "the replica reset clears its own journal");
    }

    [Fact]
    public async Task The_seed_is_written_once_when_replicas_race_on_a_new_account()
    {
        await using var replicas = await ReplicaSet.StartAsync(redis.Redis.Url, 3);
        await using var reference = await QuietMock.StartAsync();
        using var referenceClient = new HttpClient { BaseAddress = reference.Host.BaseUrl };
        var documented = (await ReplicaApi.ListAsync(referenceClient, Accounts.New("memory"))).Select(a => a.Id).ToList();
        documented.Count.ShouldBeGreaterThan(0, "the documented seed is what the race is about");

        for (var round = 0; round < 5; round++)
        {
            var account = Accounts.New($"seed{round}");
            // Everyone's first request at once: lists and creates through every replica.
            var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
                i % 2 == 0
                    ? (await ReplicaApi.ListAsync(replicas.Client(i), account)).Where(a => !a.Name.StartsWith("race-", StringComparison.Ordinal)).Select(a => a.Id).ToList()
                    : [(await ReplicaApi.CreateAsync(replicas.Client(i), account, $"race-{i}")).Id!])));
            foreach (var list in answers.Where((_, i) => i % 2 == 0)) list.ShouldBe(documented, "every replica sees the seed once, in order");
            var final = await ReplicaApi.ListAsync(replicas.Client(round), account);
            final.Take(documented.Count).Select(a => a.Id).ShouldBe(documented);
            final.Count.ShouldBe(documented.Count + 12, "the seed once plus the 12 creates");
        }
    }

    [Fact]
    public async Task Creates_from_64_connections_through_three_replicas_are_each_listed_exactly_once_through_every_replica()
    {
        const int connections = 64, maxPerConnection = 40;
        await using var replicas = await ReplicaSet.StartAsync(redis.Redis.Url, 3, o => o.Seed = SeedMode.Empty);
        var load = new CreateLoad(Accounts.New("load"));
        var attempts = 0;
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, connections).Select(c => Task.Run(async () =>
        {
            // Own client per connection: 64 real connections, spread over the replicas.
            using var client = new HttpClient { BaseAddress = replicas.Client(c).BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
            for (var i = 0; i < maxPerConnection && clock.Elapsed < TimeSpan.FromSeconds(4); i++)
            {
                Interlocked.Increment(ref attempts);
                // 200, or on a machine too busy for Redis's answer to be read within the budget, 503 in the envelope.
                await load.TryCreateAsync(client, $"load-{c}-{i}");
            }
        })));

        load.Problems.ShouldBeEmpty();
        load.Acknowledged().Count.ShouldBeGreaterThan(attempts * 9 / 10, "nearly every create is acknowledged while Redis is up");
        for (var r = 0; r < replicas.Count; r++)
        {
            await load.ShouldListEveryAcknowledgedOnceAsync(replicas.Client(r), $"replica {r}");
            // Creation order: one connection's creates come in the order it sent them.
            var listed = await ReplicaApi.ListAsync(replicas.Client(r), load.Account);
            foreach (var connection in listed.GroupBy(a => a.Name[..a.Name.LastIndexOf('-')]))
                connection.Select(a => int.Parse(a.Name[(a.Name.LastIndexOf('-') + 1)..])).ShouldBeInOrder(SortDirection.Ascending, $"replica {r}: {connection.Key} out of order");
        }
    }

    [Fact]
    public async Task Concurrent_partial_updates_through_two_replicas_each_keep_the_others_change()
    {
        // Each update changes one field and keeps the rest: a replica that merged into a stale copy would
        // undo another's change. Several rounds, every field's writer at once.
        string[] fields = ["pinAttempts", "pinTimeToLive", "verifyPinLimit", "sendPinPerApplicationLimit", "sendPinPerPhoneNumberLimit"];
        string[] values = ["\"pinAttempts\":7", "\"pinTimeToLive\":\"7m\"", "\"verifyPinLimit\":\"7/1s\"", "\"sendPinPerApplicationLimit\":\"7/1d\"", "\"sendPinPerPhoneNumberLimit\":\"7/1h\""];
        await using var replicas = await ReplicaSet.StartAsync(redis.Redis.Url, 2, o => o.Seed = SeedMode.Empty);
        var account = Accounts.New("partial");
        for (var round = 0; round < 8; round++)
        {
            var (_, id) = await ReplicaApi.CreateAsync(replicas.Client(0), account, $"round-{round}");
            var answers = await Task.WhenAll(values.Select((value, f) =>
                Api.SendAsync(replicas.Client(f), "PUT", $"{Api.Collection}/{id}", account, $"{{\"name\":\"round-{round}\",\"configuration\":{{{value}}}}}", BodyFormat.Json)));
            answers.ShouldAllBe(a => a.Status == 200);
            var configuration = JsonNode.Parse((await Api.SendAsync(replicas.Client(1), "GET", $"{Api.Collection}/{id}", account, accept: "application/json")).Body)!["configuration"]!;
            for (var f = 0; f < fields.Length; f++)
                configuration[fields[f]]!.ToJsonString().ShouldContain("7", customMessage: $"round {round}: the change of {fields[f]} was lost");
        }
    }

    [Fact]
    public async Task Concurrent_updates_through_two_replicas_leave_one_whole_version()
    {
        const int writers = 32, updatesPerWriter = 8;
        const string tag = "replicated";
        await using var replicas = await ReplicaSet.StartAsync(redis.Redis.Url, 2, o => o.Seed = SeedMode.Empty);
        var account = Accounts.New("updates");
        var created = await Api.SendAsync(replicas.Client(0), "POST", Api.Collection, account, ApplicationVersion.Body(999, tag, BodyFormat.Json), BodyFormat.Json);
        var id = JsonNode.Parse(created.Body)!["applicationId"]!.GetValue<string>();
        var path = $"{Api.Collection}/{id}";
        var acknowledged = new ConcurrentBag<int> { 999 };
        var problems = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < updatesPerWriter; i++)
            {
                var k = w * updatesPerWriter + i + 1;
                var format = k % 2 == 0 ? BodyFormat.Json : BodyFormat.Xml;
                var answer = await Api.SendAsync(replicas.Client(w), "PUT", path, account, ApplicationVersion.Body(k, tag, format), format);
                if (answer.Status != 200) { problems.Add($"update {k}: {answer}"); continue; }
                var (seen, mix) = ApplicationVersion.Consistent(ApplicationVersion.Read(answer, "updateApplication"), tag);
                if (mix is not null || seen != k) problems.Add($"update {k} answered {mix ?? $"version {seen}"}");
                acknowledged.Add(k);
            }
        })));

        problems.ShouldBeEmpty();
        string? first = null;
        for (var r = 0; r < replicas.Count; r++)
        {
            var final = await Api.SendAsync(replicas.Client(r), "GET", path, account, accept: "application/json");
            var (k, mix) = ApplicationVersion.Consistent(ApplicationVersion.Read(final, "getApplication"), tag);
            mix.ShouldBeNull();
            acknowledged.ShouldContain(k!.Value, "the final version is one a client was told was stored");
            (first ??= final.Body).ShouldBe(final.Body, "both replicas answer the same final version");
            (await ReplicaApi.ListAsync(replicas.Client(r), account)).Count.ShouldBe(1, "updates never add applications");
        }
    }

    [Fact]
    public async Task Accounts_stay_isolated_and_max_accounts_counts_the_accounts_of_every_replica()
    {
        await using var replicas = await ReplicaSet.StartAsync(redis.Redis.Url, 3, o => o.MaxAccounts = 3);
        string a = Accounts.New("a"), b = Accounts.New("b"), c = Accounts.New("c"), d = Accounts.New("d");
        var (_, idA) = await ReplicaApi.CreateAsync(replicas.Client(0), a, "only-a");
        var (_, idB) = await ReplicaApi.CreateAsync(replicas.Client(1), b, "only-b");
        (await ReplicaApi.ListAsync(replicas.Client(2), c)).ShouldNotContain(x => x.Id == idA || x.Id == idB);

        // Three accounts are held, each through a different replica: a fourth is refused by every replica.
        for (var r = 0; r < replicas.Count; r++)
        {
            var refused = await Api.SendAsync(replicas.Client(r), "GET", Api.Collection, d, accept: "application/json");
            refused.ShouldBeEnvelope(429, BodyFormat.Json);
            (await ReplicaApi.CreateAsync(replicas.Client(r), d, "never")).Answer.Status.ShouldBe(429);
        }

        (await ReplicaApi.ListAsync(replicas.Client(2), a)).Count(x => x.Id == idA).ShouldBe(1, "held accounts keep working");
        var foreign = await Api.SendAsync(replicas.Client(2), "GET", $"{Api.Collection}/{idA}", b, accept: "application/json");
        foreign.ShouldBeEnvelope(404, BodyFormat.Json);

        (await replicas.Client(1).PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();
        (await Api.SendAsync(replicas.Client(0), "GET", Api.Collection, d, accept: "application/json")).Status.ShouldBe(200, "a reset makes room on every replica");
    }

    [Fact]
    public async Task Mocks_with_different_prefixes_share_a_Redis_without_seeing_each_other()
    {
        await using var first = await ReplicaSet.StartAsync(redis.Redis.Url, 1);
        await using var second = await ReplicaSet.StartAsync(redis.Redis.Url, 1);
        var account = Accounts.New("prefix");
        var (_, id) = await ReplicaApi.CreateAsync(first.Client(0), account, "first-only");
        (await ReplicaApi.ListAsync(second.Client(0), account)).ShouldNotContain(a => a.Id == id);
        (await second.Client(0).PostAsync("/__admin/reset", null)).EnsureSuccessStatusCode();
        (await ReplicaApi.ListAsync(first.Client(0), account)).Count(a => a.Id == id).ShouldBe(1, "a reset of the other prefix leaves this one");
    }
}
