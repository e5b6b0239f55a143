using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.Concurrency;

/// <summary>
/// Many clients writing at once lose nothing and mix nothing. Bounded: a few hundred requests each, with a
/// client timeout, on loopback.
/// </summary>
public sealed class ConcurrentWriteTests(EmptyMockServerFixture mock) : IClassFixture<EmptyMockServerFixture>
{
    private const int Clients = 16;

    [Fact]
    public async Task Every_acknowledged_create_is_listed_exactly_once_with_a_unique_id()
    {
        const int createsPerClient = 40;
        using var client = mock.BoundedClient(TimeSpan.FromSeconds(30));
        var account = Accounts.New("creates");
        var acknowledged = new ConcurrentDictionary<string, string>(); // id -> name sent
        var refused = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < createsPerClient; i++)
            {
                var format = (c + i) % 2 == 0 ? BodyFormat.Json : BodyFormat.Xml;
                var name = $"create-{c}-{i}";
                var body = format == BodyFormat.Json ? $"{{\"name\":\"{name}\"}}" : $"<{Bodies.XmlRoot}><name>{name}</name></{Bodies.XmlRoot}>";
                var answer = await Api.SendAsync(client, "POST", Api.Collection, account, body, format);
                if (answer.Status is not (200 or 201)) { refused.Add(answer.ToString()); continue; }
                var id = ApplicationVersion.Read(answer, "createApplication")["applicationId"]!.GetValue<string>();
                acknowledged.TryAdd(id, name).ShouldBeTrue($"id {id} acknowledged twice");
            }
        })));

        refused.ShouldBeEmpty("valid creates were refused under load");
        acknowledged.Count.ShouldBe(Clients * createsPerClient);
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            var list = await Api.ListAsync(client, account, format);
            list.Status.ShouldBe(200);
            var listed = ListOf(list);
            var ids = listed.Select(a => a["applicationId"]!.GetValue<string>()).ToList();
            ids.Count.ShouldBe(acknowledged.Count, $"{format} list length");
            ids.Distinct().Count().ShouldBe(ids.Count, "an id is listed twice");
            foreach (var application in listed)
            {
                var id = application["applicationId"]!.GetValue<string>();
                acknowledged.TryGetValue(id, out var name).ShouldBeTrue($"listed id {id} was never acknowledged");
                application["name"]!.GetValue<string>().ShouldBe(name);
            }
        }
    }

    [Fact]
    public async Task Concurrent_updates_of_one_application_leave_one_whole_version()
    {
        const int updatesPerClient = 30;
        const string tag = "whole";
        using var client = mock.BoundedClient(TimeSpan.FromSeconds(30));
        var account = Accounts.New("updates");
        var created = await Api.SendAsync(client, "POST", Api.Collection, account, ApplicationVersion.Body(999, tag, BodyFormat.Json), BodyFormat.Json);
        created.Status.ShouldBeInRange(200, 201, $"create: {created}");
        var id = JsonNode.Parse(created.Body)!["applicationId"]!.GetValue<string>();
        var path = $"{Api.Collection}/{id}";

        var acknowledged = new ConcurrentBag<int> { 999 };
        var problems = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        void Check(JsonObject application, string seenBy)
        {
            var (_, mix) = ApplicationVersion.Consistent(application, tag);
            if (mix is not null) problems.Add($"{seenBy}: {mix}");
        }

        // Readers watch the application (get and list, both formats) while the writers update it.
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var format = r % 2 == 0 ? BodyFormat.Json : BodyFormat.Xml;
            while (!stop.IsCancellationRequested)
            {
                var get = await Api.SendAsync(client, "GET", path, account, accept: format.MediaType());
                if (get.Status != 200) problems.Add($"get during updates: {get}");
                else Check(ApplicationVersion.Read(get, "getApplication"), $"get ({format})");
                var list = await Api.ListAsync(client, account, format);
                foreach (var application in ListOf(list)) Check(application, $"list ({format})");
            }
        })).ToArray();

        var writers = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < updatesPerClient; i++)
            {
                var k = c * updatesPerClient + i + 1; // 1..480: unique per request, never a multiple of 1000 ms
                var format = k % 2 == 0 ? BodyFormat.Json : BodyFormat.Xml;
                var answer = await Api.SendAsync(client, "PUT", path, account, ApplicationVersion.Body(k, tag, format), format);
                if (answer.Status != 200) { problems.Add($"update {k}: {answer}"); continue; }
                var (seen, mix) = ApplicationVersion.Consistent(ApplicationVersion.Read(answer, "updateApplication"), tag);
                if (mix is not null) problems.Add($"update {k} answered {mix}");
                else if (seen != k) problems.Add($"update {k} answered version {seen}");
                acknowledged.Add(k);
            }
        })).ToArray();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        problems.ShouldBeEmpty();
        var final = await Api.SendAsync(client, "GET", path, account, accept: "application/json");
        var (finalK, finalMix) = ApplicationVersion.Consistent(ApplicationVersion.Read(final, "getApplication"), tag);
        finalMix.ShouldBeNull();
        acknowledged.ShouldContain(finalK!.Value, "the final version must be one a client sent and was told was stored");
        var listed = ListOf(await Api.ListAsync(client, account));
        listed.Count.ShouldBe(1, "updates must never add applications");
        listed[0].ToJsonString().ShouldBe(JsonNode.Parse(final.Body)!.ToJsonString(), "list and get disagree after the updates");
    }

    [Fact]
    public async Task Accounts_stay_isolated_under_load()
    {
        const int accountCount = 8, clientsPerAccount = 3, createsPerClient = 20;
        using var client = mock.BoundedClient(TimeSpan.FromSeconds(30));
        var accounts = Enumerable.Range(0, accountCount).Select(a => (Tag: $"acct{a}", Credential: Accounts.New($"isolation{a}"))).ToArray();
        var acknowledged = accounts.ToDictionary(a => a.Tag, _ => new ConcurrentBag<string>());
        var problems = new ConcurrentBag<string>();

        await Task.WhenAll(accounts.SelectMany(account => Enumerable.Range(0, clientsPerAccount).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < createsPerClient; i++)
            {
                var format = i % 2 == 0 ? BodyFormat.Json : BodyFormat.Xml;
                var name = $"{account.Tag}-{c}-{i}";
                var body = format == BodyFormat.Json ? $"{{\"name\":\"{name}\"}}" : $"<{Bodies.XmlRoot}><name>{name}</name></{Bodies.XmlRoot}>";
                var answer = await Api.SendAsync(client, "POST", Api.Collection, account.Credential, body, format);
                if (answer.Status is not (200 or 201)) { problems.Add($"create {name}: {answer}"); continue; }
                acknowledged[account.Tag].Add(ApplicationVersion.Read(answer, "createApplication")["applicationId"]!.GetValue<string>());
                // While everyone writes, this account's list holds only its own applications.
                var list = await Api.ListAsync(client, account.Credential, format);
                foreach (var application in ListOf(list))
                    if (!application["name"]!.GetValue<string>().StartsWith(account.Tag + "-", StringComparison.Ordinal))
                        problems.Add($"{account.Tag} sees {application["name"]}");
            }
        }))));

        problems.ShouldBeEmpty();
        foreach (var account in accounts)
        {
            var ids = ListOf(await Api.ListAsync(client, account.Credential)).Select(a => a["applicationId"]!.GetValue<string>()).ToList();
            ids.Order().ShouldBe(acknowledged[account.Tag].Order(), $"{account.Tag}'s list is not exactly what it created");
            // Another account's id is unknown here: 404, not someone else's application.
            var other = accounts.First(a => a.Tag != account.Tag);
            var foreignId = acknowledged[other.Tag].First();
            var foreign = await Api.SendAsync(client, "GET", $"{Api.Collection}/{foreignId}", account.Credential, accept: "application/json");
            foreign.ShouldBeEnvelope(404, BodyFormat.Json);
        }
    }

    private static List<JsonObject> ListOf(ApiAnswer list)
    {
        list.Status.ShouldBe(200, $"list: {list}");
        var node = list.Format == BodyFormat.Xml
            ? Bodies.Document.Operation("listApplications").ResponseSchema(200, BodyFormat.Xml).XmlToJson(list.Body)
            : JsonNode.Parse(list.Body)!;
        return node.AsArray().Select(n => n!.AsObject()).ToList();
    }
}
