using MockServer.Tests.Support;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.State;

namespace MockServer.Tests.State;

public class AccountApplicationsTests
{
    private static readonly FieldModel Model = TestModel.Default;
    private static readonly ModelField Name = Model.Field("name");

    private static StoredRecord App(string id, string name) => App(Convert.FromHexString(id.PadLeft(32, '0')), name);

    private static StoredRecord App(byte[] id, string name)
    {
        var values = Model.Stored.Select(f => f.Default).ToArray();
        values[Name.StoredIndex] = FieldValue.Of(name);
        return StoredRecord.Build(Model, id, new byte[]?[Model.Issued.Length], values);
    }

    private static string NameOf(StoredRecord application) => application.Read(Name).Text!;

    private static string IdOf(StoredRecord application) => Convert.ToHexString(application.Bytes.AsSpan(0, 16));

    private static IEnumerable<StoredRecord> All(ApplicationListSnapshot list) => Enumerable.Range(0, list.Count).Select(i => list[i]);

    [Fact]
    public async Task Keeps_creation_order_and_finds_by_id()
    {
        var account = new AccountApplications([App("A", "seed")]);
        var created = account.Add(id => App(id, "new"));
        All(await account.ListAsTask()).Select(NameOf).ShouldBe(["seed", "new"]);
        account.Find(IdOf(created)).Bytes.ShouldBeSameAs(created.Bytes);
        account.Find("missing").IsEmpty.ShouldBeTrue();
        account.Find(IdOf(created).ToLowerInvariant()).IsEmpty.ShouldBeTrue("ids are upper-case hex, as the API writes them");
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
        account.Replace(IdOf(App("A", "")), current => App(IdOf(current), "b"));
        var second = account.ListAsTask();
        second.ShouldNotBeSameAs(first);
        All(await second).Select(NameOf).Single().ShouldBe("b");
        All(await first).Select(NameOf).Single().ShouldBe("a"); // an earlier snapshot never changes under a reader
    }

    [Fact]
    public void Replace_of_an_unknown_id_changes_nothing()
    {
        var account = new AccountApplications([App("A", "a")]);
        account.Replace(IdOf(App("B", "")), _ => throw new InvalidOperationException("must not be called")).IsEmpty.ShouldBeTrue();
        account.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing()
    {
        var account = new AccountApplications([]);
        Parallel.For(0, 2000, i => account.Add(id => App(id, $"n{i}")));
        var list = await account.ListAsTask();
        list.Count.ShouldBe(2000);
        All(list).Select(NameOf).Distinct().Count().ShouldBe(2000);
    }

    [Fact]
    public void Every_application_is_found_after_the_index_grows_and_updates_land_in_place()
    {
        var account = new AccountApplications([App("A", "seed")]);
        var created = Enumerable.Range(0, 5000).Select(i => account.Add(id => App(id, $"n{i}"))).ToList();
        account.Replace(IdOf(created[1234]), current => App(current.Bytes.AsSpan(0, 16).ToArray(), "changed"));
        NameOf(account.Find(IdOf(App("A", "")))).ShouldBe("seed");
        created.Select((c, i) => NameOf(account.Find(IdOf(c))) == (i == 1234 ? "changed" : $"n{i}")).ShouldAllBe(found => found);
        account.Count.ShouldBe(5001);
    }

    [Fact]
    public void An_update_that_changes_the_id_is_refused()
    {
        var account = new AccountApplications([App("A", "a")]);
        Should.Throw<InvalidOperationException>(() => account.Replace(IdOf(App("A", "")), _ => App("B", "b")));
        NameOf(account.Find(IdOf(App("A", "")))).ShouldBe("a");
        account.Find(IdOf(App("B", ""))).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task A_reader_finds_what_was_stored_while_writers_grow_the_index()
    {
        var account = new AccountApplications([]);
        var first = account.Add(id => App(id, "first"));
        var writing = Task.Run(() => Parallel.For(0, 20_000, i => account.Add(id => App(id, $"n{i}"))));
        var misses = 0;
        while (!writing.IsCompleted) if (account.Find(IdOf(first)).IsEmpty) misses++;
        await writing;
        misses.ShouldBe(0);
        account.Count.ShouldBe(20_001);
    }

    [Fact]
    public void Store_reset_returns_every_account_to_the_seed()
    {
        var store = new ApplicationStore(() => [App("5", "seed")]);
        store.ForAccount("x")!.Add(id => App(id, "extra"));
        store.ForAccount("x")!.Count.ShouldBe(2);
        store.ForAccount("y")!.Count.ShouldBe(1);
        store.Reset();
        store.ForAccount("x")!.Count.ShouldBe(1);
    }

    [Fact]
    public void A_full_store_refuses_new_accounts_and_keeps_the_held_ones_until_a_reset()
    {
        var store = new ApplicationStore(() => [App("5", "seed")], maxAccounts: 2);
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
