using TwoFactorContracts.MockServer.Contract;
using TwoFactorContracts.MockServer.State;

namespace MockServer.Tests.State;

public class AccountApplicationsTests
{
    private static ApplicationResponse App(string id, string name) => new() { ApplicationId = id, Name = name, ProcessId = "P" };

    [Fact]
    public async Task Keeps_creation_order_and_finds_by_id()
    {
        var account = new AccountApplications([App("A", "seed")]);
        var created = account.Add(id => App(id, "new"));
        (await account.ListAsTask()).Select(a => a.Name).ShouldBe(["seed", "new"]);
        account.Find(created.ApplicationId).ShouldBeSameAs(created);
        account.Find("missing").ShouldBeNull();
    }

    [Fact]
    public void Ids_are_32_upper_case_hex_and_unique()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ApplicationIds.New()).ToList();
        ids.ShouldAllBe(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^[0-9A-F]{32}$"));
        ids.Distinct().Count().ShouldBe(1000);
    }

    [Fact]
    public async Task The_list_snapshot_is_reused_until_a_write()
    {
        var account = new AccountApplications([App("A", "a")]);
        var first = account.ListAsTask();
        account.ListAsTask().ShouldBeSameAs(first);
        account.Replace("A", current => App(current.ApplicationId, "b"));
        var second = account.ListAsTask();
        second.ShouldNotBeSameAs(first);
        (await second).Single().Name.ShouldBe("b");
        (await first).Single().Name.ShouldBe("a"); // an earlier snapshot never changes under a reader
    }

    [Fact]
    public void Replace_of_an_unknown_id_changes_nothing()
    {
        var account = new AccountApplications([App("A", "a")]);
        account.Replace("B", _ => throw new InvalidOperationException("must not be called")).ShouldBeNull();
        account.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing()
    {
        var account = new AccountApplications([]);
        Parallel.For(0, 2000, i => account.Add(id => App(id, $"n{i}")));
        var list = await account.ListAsTask();
        list.Count.ShouldBe(2000);
        list.Select(a => a.Name).Distinct().Count().ShouldBe(2000);
    }

    [Fact]
    public void Store_reset_returns_every_account_to_the_seed()
    {
        var store = new ApplicationStore(() => [App("S", "seed")]);
        store.ForAccount("x")!.Add(id => App(id, "extra"));
        store.ForAccount("x")!.Count.ShouldBe(2);
        store.ForAccount("y")!.Count.ShouldBe(1);
        store.Reset();
        store.ForAccount("x")!.Count.ShouldBe(1);
    }

    [Fact]
    public void A_full_store_refuses_new_accounts_and_keeps_the_held_ones_until_a_reset()
    {
        var store = new ApplicationStore(() => [App("S", "seed")], maxAccounts: 2);
        store.ForAccount("a")!.Add(id => App(id, "kept"));
        store.ForAccount("b").ShouldNotBeNull();
        store.ForAccount("c").ShouldBeNull();
        store.AccountCount.ShouldBe(2);
        store.ForAccount("a")!.Count.ShouldBe(2, "a held account keeps what it stored");
        store.Reset();
        store.ForAccount("c").ShouldNotBeNull();
    }

    [Fact]
    public async Task Concurrent_new_accounts_never_exceed_the_limit()
    {
        var store = new ApplicationStore(() => [], maxAccounts: 50);
        var held = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => store.ForAccount($"account-{i}") is not null)));
        held.Count(h => h).ShouldBe(50);
        store.AccountCount.ShouldBe(50);
    }
}
