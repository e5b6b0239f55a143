using System.Diagnostics;
using StackExchange.Redis;
using TwoFactorContracts.MockServer.Model;

namespace TwoFactorContracts.MockServer.State.Redis;

/// <summary>
/// The applications of every account in Redis, shared by every replica on the same Redis and key prefix.
/// Each operation is one Lua script (<see cref="StoreScripts"/>); an update is a compare-and-set retried
/// on a concurrent change, so the merge stays in C# and the result is always one whole version.
/// Applications are stored as their compact records (<see cref="StoredRecord"/>), under keys that name
/// the field model's layout, so replicas built from different contracts never misread each other's records.
/// Every call finishes within its time budget (--store-timeout: seed and retries included) or throws
/// <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed class RedisApplicationStore : IStateStore
{
    private readonly IConnectionMultiplexer _connection;
    private readonly IDatabase _database;
    private readonly RedisLocation _location;
    private readonly string _prefix;
    private readonly RedisKey _accountsKey;
    private readonly RedisValue _maxAccounts;
    private readonly RedisValue[] _seed;
    private readonly long _budgetTicks;

    /// <summary>The store on a connection from <see cref="ConnectAsync"/>, which it owns from now on.</summary>
    public RedisApplicationStore(IConnectionMultiplexer connection, RedisLocation location, string prefix, int maxAccounts,
        FieldModel model, IReadOnlyList<StoredRecord> seed, int timeoutMs)
    {
        _budgetTicks = timeoutMs * Stopwatch.Frequency / 1000;
        _connection = connection;
        _database = connection.GetDatabase();
        _location = location;
        _prefix = $"{prefix}:{model.LayoutId}";
        _accountsKey = prefix + ":accounts";
        _maxAccounts = maxAccounts;
        _seed = [.. seed.SelectMany(application => new RedisValue[] { IdOf(application), application.Bytes })];
    }

    /// <summary>
    /// Connects and checks Redis answers. When it does not: throws <see cref="StoreUnavailableException"/>, or
    /// with <paramref name="wait"/> says so once on <paramref name="say"/> and tries again until it does.
    /// The client reconnects by itself afterwards.
    /// </summary>
    public static async Task<IConnectionMultiplexer> ConnectAsync(RedisLocation location, int timeoutMs, bool wait, TextWriter? say, CancellationToken cancellationToken = default)
    {
        var waiting = false;
        while (true)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync(location.Configuration(timeoutMs)).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RedisException e)
            {
                if (!wait)
                    throw new StoreUnavailableException($"the store {location} is unreachable ({Reason(e)}); start Redis there or pass --store-wait to wait for it.");
                if (!waiting) say?.WriteLine($"Waiting for the store {location} ({Reason(e)})...");
                waiting = true;
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public string Description => $"{_location} (key prefix '{_prefix}')";

    public string? Problem => _connection.IsConnected ? null : $"the store {_location} is unreachable";

    public async Task<ApplicationListSnapshot> ListAsync(string account)
    {
        var deadline = Deadline();
        var result = await RunAsync(StoreScripts.List, account, [account], deadline).ConfigureAwait(false);
        var values = (RedisValue[])result!;
        var records = new List<byte[]>(values.Length);
        foreach (var value in values)
            if (!value.IsNull) records.Add((byte[])value!);
        return new ApplicationListSnapshot(records);
    }

    /// <summary>The application with that id, or an empty one.</summary>
    public async Task<StoredRecord> FindAsync(string account, string applicationId)
    {
        var result = await RunAsync(StoreScripts.Get, account, [account, applicationId], Deadline()).ConfigureAwait(false);
        return result.IsNull ? default : new StoredRecord((byte[])result!);
    }

    /// <summary>Stores a new application built by <paramref name="create"/> from a fresh unique id, after every other.</summary>
    public async Task<StoredRecord> AddAsync(string account, Func<byte[], StoredRecord> create)
    {
        var deadline = Deadline();
        while (true)
        {
            var application = create(ApplicationIds.NewBytes());
            var result = await RunAsync(StoreScripts.Create, account, [account, IdOf(application), application.Bytes], deadline).ConfigureAwait(false);
            if ((long)result == 1) return application;
        }
    }

    /// <summary>Replaces an application with the result of <paramref name="update"/>; empty when the id is unknown.</summary>
    public async Task<StoredRecord> ReplaceAsync(string account, string applicationId, Func<StoredRecord, StoredRecord> update)
    {
        var deadline = Deadline();
        var found = await RunAsync(StoreScripts.Get, account, [account, applicationId], deadline).ConfigureAwait(false);
        if (found.IsNull) return default;
        var current = (byte[])found!;
        while (true)
        {
            var updated = update(new StoredRecord(current));
            var result = await RunAsync(StoreScripts.Update, account, [account, applicationId, current, updated.Bytes], deadline).ConfigureAwait(false);
            if (result.Resp2Type == ResultType.Integer) return (long)result == 1 ? updated : default;
            current = (byte[])result!; // changed meanwhile: apply the update to what is there now
        }
    }

    private static string IdOf(StoredRecord application) => Convert.ToHexString(application.Bytes.AsSpan(0, FieldModel.IdBytes));

    public void Reset()
    {
        try
        {
            _database.ScriptEvaluate(StoreScripts.Reset, [_accountsKey], [_prefix]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new StoreUnavailableException($"the store {_location} is unreachable ({Reason(e)})", e);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>Runs an account's script, seeding the account first when it is new.</summary>
    private async Task<RedisResult> RunAsync(string script, string account, RedisValue[] args, long deadline)
    {
        RedisKey[] keys = [_accountsKey, _prefix + ":order:" + account, _prefix + ":apps:" + account];
        while (true)
        {
            var result = await EvaluateAsync(script, keys, args, deadline).ConfigureAwait(false);
            if (result.Resp2Type != ResultType.Integer || (long)result != -1) return result;
            RedisValue[] seedArgs = [account, _maxAccounts, .. _seed];
            if ((long)await EvaluateAsync(StoreScripts.Seed, keys, seedArgs, deadline).ConfigureAwait(false) == 0)
                throw new StoreFullException();
        }
    }

    private async Task<RedisResult> EvaluateAsync(string script, RedisKey[] keys, RedisValue[] args, long deadline)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        try
        {
            if (left <= TimeSpan.Zero) throw new TimeoutException();
            var pending = _database.ScriptEvaluateAsync(script, keys, args);
            return pending.IsCompleted ? await pending.ConfigureAwait(false) : await pending.WaitAsync(left).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new StoreUnavailableException($"the store {_location} is unreachable ({Reason(e)})", e);
        }
    }

    private long Deadline() => Stopwatch.GetTimestamp() + _budgetTicks;

    /// <summary>Why, in a few words that never contain the configuration (it may hold the password).</summary>
    private static string Reason(Exception e) => e switch
    {
        RedisConnectionException connection => connection.FailureType.ToString(),
        RedisTimeoutException or TimeoutException => "no answer in time",
        RedisServerException server => server.Message.Split(' ', 2)[0],
        _ => e.GetType().Name,
    };
}
