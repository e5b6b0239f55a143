namespace TwoFactorContracts.MockServer.State.Redis;

/// <summary>
/// The Lua scripts behind every read and write: each runs atomically in Redis, so a change is stored whole
/// or not at all and every replica sees one order. Keys of an account: KEYS[1] the set of accounts (counted
/// for --max-accounts), KEYS[2] its applicationIds in creation order (a list), KEYS[3] its applications by id
/// (a hash of the API's JSON form). ARGV[1] is the account. A script answers -1 when the account does not
/// exist yet: the caller seeds it (<see cref="Seed"/>) and runs the script again.
/// </summary>
internal static class StoreScripts
{
    private const string AccountKnown = "if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return -1 end\n";

    /// <summary>ARGV[2] the account limit, then applicationId, JSON pairs. 1 seeded (or already there), 0 store full.</summary>
    public const string Seed = """
        if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
        if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        redis.call('SADD', KEYS[1], ARGV[1])
        redis.call('DEL', KEYS[2], KEYS[3])
        for i = 3, #ARGV, 2 do
          redis.call('RPUSH', KEYS[2], ARGV[i])
          redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
        end
        return 1
        """;

    /// <summary>The applications' JSON in creation order (HMGET in chunks: unpack has a stack limit).</summary>
    public const string List = AccountKnown + """
        local ids = redis.call('LRANGE', KEYS[2], 0, -1)
        local out = {}
        for i = 1, #ids, 1000 do
          local values = redis.call('HMGET', KEYS[3], unpack(ids, i, math.min(i + 999, #ids)))
          for j = 1, #values do out[#out + 1] = values[j] end
        end
        return out
        """;

    /// <summary>ARGV[2] the applicationId: its JSON, or nil.</summary>
    public const string Get = AccountKnown + """
        return redis.call('HGET', KEYS[3], ARGV[2])
        """;

    /// <summary>ARGV[2] a new applicationId, ARGV[3] its JSON. 1 stored, 0 the id is taken (draw another).</summary>
    public const string Create = AccountKnown + """
        if redis.call('HSETNX', KEYS[3], ARGV[2], ARGV[3]) == 0 then return 0 end
        redis.call('RPUSH', KEYS[2], ARGV[2])
        return 1
        """;

    /// <summary>
    /// Compare and set: ARGV[2] the applicationId, ARGV[3] the JSON the update was computed from, ARGV[4] the
    /// new JSON. 1 stored, 0 no such application, else the current JSON (another replica changed it: merge again).
    /// </summary>
    public const string Update = AccountKnown + """
        local current = redis.call('HGET', KEYS[3], ARGV[2])
        if not current then return 0 end
        if current ~= ARGV[3] then return current end
        redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
        return 1
        """;

    /// <summary>KEYS[1] the set of accounts, ARGV[1] the key prefix: every account's keys and the set go, at once.</summary>
    public const string Reset = """
        local accounts = redis.call('SMEMBERS', KEYS[1])
        for i = 1, #accounts do
          redis.call('DEL', ARGV[1] .. ':order:' .. accounts[i], ARGV[1] .. ':apps:' .. accounts[i])
        end
        redis.call('DEL', KEYS[1])
        return #accounts
        """;
}
