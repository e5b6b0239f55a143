using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using TwoFactorContracts.HardeningTests.Support;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.HardeningTests.Replicas;

/// <summary>
/// What happens when a part dies (issue 14): Redis stopped or frozen under load (503 in the envelope within
/// about a second, no other 5xx, recovery by itself), a replica killed with SIGKILL (nothing acknowledged
/// lost), Redis unreachable at start (one line, exit 2; or --store-wait). Each test has its own redis-server.
/// </summary>
[Collection(nameof(ReplicaCollection))]
public sealed class ReplicaFailureTests
{
    /// <summary>The issue's bound is 1 s; the rest is slack for a client on 2 busy cores.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromMilliseconds(1500);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Redis_stopped_under_load_gives_503s_and_no_other_5xx_and_after_its_restart_the_load_completes()
    {
        const int workers = 16, createsPerWorker = 25, mostPerWorker = 2_000;
        await using var redis = await RedisServer.StartAsync(durable: true);
        await using var replicas = await ReplicaSet.StartAsync(redis.Url, 2, o => o.Seed = SeedMode.Empty);
        var account = Accounts.New("redis-stop");
        var load = new CreateLoad(account);
        var storeBack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = new int[workers];

        // The load runs until Redis is back (however fast the machine, the stop meets it), then a bounded tail.
        var running = Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < createsPerWorker || !storeBack.Task.IsCompleted; i++)
            {
                if (i == mostPerWorker) { load.Problems.Add($"worker {w}: {mostPerWorker} creates and Redis never stopped"); break; }
                sent[w] = i + 1;
                var name = $"w{w}-{i}";
                for (var attempt = 0; !await load.TryCreateAsync(replicas.Client(w), name, AnswerBound); attempt++)
                {
                    if (attempt > 50) { load.Problems.Add($"{name}: still refused after Redis came back"); break; }
                    await storeBack.Task.WaitAsync(Bound); // retry once Redis is back, not on a timer
                }
            }
        })));

        await load.Acknowledged(40).WaitAsync(Bound);
        await redis.StopAsync();
        await load.Refused.Task.WaitAsync(Bound);
        for (var r = 0; r < replicas.Count; r++)
        {
            var health = await replicas.Client(r).GetAsync("/__admin/health");
            health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"replica {r} health while Redis is down");
            (await health.Content.ReadAsStringAsync()).ShouldStartWith("Unhealthy");
        }
        var reset = await replicas.Client(0).PostAsync("/__admin/reset", null);
        reset.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "a reset cannot reach Redis: it says so");

        await redis.StartAgainAsync();
        await WhenHealthyAsync(replicas);
        storeBack.SetResult();
        await running.WaitAsync(Bound);

        load.Problems.ShouldBeEmpty();
        load.Acknowledged().Count.ShouldBe(sent.Sum(), "every create was acknowledged in the end");
        for (var r = 0; r < replicas.Count; r++) await load.ShouldListEveryAcknowledgedOnceAsync(replicas.Client(r), $"replica {r}");
    }

    [Fact]
    public async Task Redis_frozen_answers_503_within_a_second_and_the_mock_recovers_by_itself()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var replicas = await ReplicaSet.StartAsync(redis.Url, 1);
        var account = Accounts.New("redis-frozen");
        var (_, kept) = await ReplicaApi.CreateAsync(replicas.Client(0), account, "before");
        kept.ShouldNotBeNull();

        redis.Freeze(true); // connections stay open, nothing answers: the client must not wait for ever
        try
        {
            foreach (var (method, body) in new[] { ("GET", (string?)null), ("POST", ReplicaApi.JsonCreate("during")), ("GET", null) })
            {
                var clock = Stopwatch.StartNew();
                var answer = body is null
                    ? await Api.ListAsync(replicas.Client(0), account)
                    : await Api.SendAsync(replicas.Client(0), method, Api.Collection, account, body, Contract.BodyFormat.Json);
                clock.Elapsed.ShouldBeLessThan(AnswerBound, $"{method} answered after {clock.Elapsed.TotalMilliseconds:0} ms");
                ReplicaApi.StoreUnavailableProblems(answer).ShouldBeEmpty();
                answer.Body.ShouldNotContain("StackExchange", Case.Sensitive, "no stack trace or client detail in the answer");
            }
        }
        finally
        {
            redis.Freeze(false);
        }

        await WhenHealthyAsync(replicas);
        var list = await ReplicaApi.ListAsync(replicas.Client(0), account);
        list.Count(a => a.Id == kept).ShouldBe(1);
        // The create answered 503 may have reached Redis before it froze (like any timeout): whole or not at all.
        list.Count(a => a.Name == "during").ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_replica_killed_with_SIGKILL_under_load_and_restarted_loses_nothing_acknowledged()
    {
        const int workers = 16, createsPerWorker = 20;
        await using var redis = await RedisServer.StartAsync();
        var prefix = $"replica-kill-{Guid.NewGuid():N}";
        await using var survivor = await ReplicaSet.StartAsync(redis.Url, 1, o => o.Seed = SeedMode.Empty, prefix);
        string[] arguments = ["--store", redis.Url, "--store-prefix", prefix, "--seed", "empty"];
        var victim = await TwoFactorMockProcess.StartAsync(arguments);
        await using var victimGuard = victim;
        using var victimClient = new HttpClient { BaseAddress = victim.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        var current = victimClient; // the client of the victim's address, swapped when it is back
        var account = Accounts.New("replica-kill");
        var load = new CreateLoad(account);
        var victimLoad = new CreateLoad(account);
        var victimBack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < createsPerWorker; i++)
            {
                var name = $"w{w}-{i}";
                if (w % 2 == 0)
                {
                    if (!await load.TryCreateAsync(survivor.Client(w), name, AnswerBound)) load.Problems.Add($"{name}: the survivor refused");
                    continue;
                }
                for (var attempt = 0; !await victimLoad.TryCreateAsync(Volatile.Read(ref current), name, AnswerBound); attempt++)
                {
                    if (attempt > 50) { victimLoad.Problems.Add($"{name}: never acknowledged"); break; }
                    await victimBack.Task.WaitAsync(Bound);
                }
            }
        })));

        await victimLoad.Acknowledged(30).WaitAsync(Bound);
        await victim.DisposeAsync(); // Process.Kill: SIGKILL, mid-request for some workers
        await using var restarted = await TwoFactorMockProcess.StartAsync(arguments);
        using var restartedClient = new HttpClient { BaseAddress = restarted.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        Volatile.Write(ref current, restartedClient);
        victimBack.SetResult();
        await running.WaitAsync(Bound);

        load.Problems.ShouldBeEmpty();
        victimLoad.Problems.ShouldBeEmpty();
        var all = new CreateLoad(account);
        all.Merge(load);
        all.Merge(victimLoad);
        all.Acknowledged().Count.ShouldBe(workers * createsPerWorker);
        await all.ShouldListEveryAcknowledgedOnceAsync(survivor.Client(0), "the surviving replica");
        await all.ShouldListEveryAcknowledgedOnceAsync(restartedClient, "the restarted replica");
    }

    [Fact]
    public async Task Redis_unreachable_at_start_is_one_line_and_exit_code_2_and_never_the_password()
    {
        var port = RedisServer.FreePort();
        var failed = await Should.ThrowAsync<InvalidOperationException>(() =>
            TwoFactorMockProcess.StartAsync("--store", $"redis://mock:hunter2-secret@127.0.0.1:{port}/3"));
        failed.Message.ShouldStartWith("run-mock.sh exited (2)");
        var printed = failed.Message.Split('\n').Skip(1).Where(l => l.Length > 0 && !l.StartsWith("run-mock.sh:", StringComparison.Ordinal)).ToList();
        printed.Count.ShouldBe(1, $"one clear line, not: {string.Join(" | ", printed)}");
        printed[0].ShouldStartWith("error:");
        printed[0].ShouldContain("unreachable");
        printed[0].ShouldContain($"127.0.0.1:{port}");
        printed[0].ShouldContain("--store-wait");
        failed.Message.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task With_store_wait_the_mock_waits_for_Redis_and_starts_once_it_answers()
    {
        var port = RedisServer.FreePort();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starting = TwoFactorMockProcess.StartAsync(new TwoFactorMockProcessOptions
        {
            Arguments = ["--store", $"redis://:hunter2-secret@127.0.0.1:{port}", "--store-wait"],
            OnLine = line => { if (line.Contains("Waiting for the store", StringComparison.Ordinal)) waiting.TrySetResult(); },
        });
        await Task.WhenAny(waiting.Task, starting).WaitAsync(TimeSpan.FromMinutes(6));
        waiting.Task.IsCompleted.ShouldBeTrue("the mock says it waits for the store");
        starting.IsCompleted.ShouldBeFalse("nothing listens before the store answers");

        await using var redis = await RedisServer.StartAsync(port: port);
        await using var mock = await starting.WaitAsync(Bound);
        using var client = new HttpClient { BaseAddress = mock.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        (await Api.ListAsync(client, Accounts.New("waited"))).Status.ShouldBe(200);
        mock.Output.ShouldNotContain("hunter2");
        mock.Output.ShouldContain($"redis://:***@127.0.0.1:{port}");
    }

    [Fact]
    public async Task Redis_unreachable_at_start_fails_the_in_process_start_with_the_store_named()
    {
        var options = ReplicaSet.Options($"redis://127.0.0.1:{RedisServer.FreePort()}", "unused");
        var failed = await Should.ThrowAsync<MockServer.State.StoreUnavailableException>(() => MockServerHost.StartAsync(options));
        failed.Message.ShouldContain("unreachable");
    }

    private static async Task WhenHealthyAsync(ReplicaSet replicas)
    {
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < replicas.Count; r++)
        {
            while ((await replicas.Client(r).GetAsync("/__admin/health")).StatusCode != HttpStatusCode.OK)
            {
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), $"replica {r} did not recover by itself");
                await Task.Delay(50); // polling a condition with a deadline, not timing anything
            }
        }
    }
}
