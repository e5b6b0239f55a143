using System.Globalization;
using StackExchange.Redis;

namespace TwoFactorContracts.MockServer.State.Redis;

/// <summary>
/// A Redis address as the user writes it: <c>redis://[user:password@]host[:port][/db]</c>, or <c>rediss://</c>
/// for TLS. <see cref="ToString"/> masks the password, so the location can be printed anywhere.
/// </summary>
public sealed record RedisLocation(string Host, int Port, int Database, string? User, string? Password, bool Tls)
{
    public const int DefaultPort = 6379;

    /// <summary>Parses a --store value; throws <see cref="ArgumentException"/> with a message that never quotes the password.</summary>
    public static RedisLocation Parse(string value)
    {
        // The message names the masked form only: the value may hold a password.
        var shown = Masked(value);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || uri.Host.Length == 0)
            throw new ArgumentException($"--store must be memory or redis://host[:port][/db], not '{shown}'.");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new ArgumentException($"--store takes no query or fragment: '{shown}'.");
        var database = 0;
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0 && (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out database) || database > 1000))
            throw new ArgumentException($"The database in --store must be a number (redis://host:port/0), not '{path}'.");
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            if (user.Length == 0) user = null; // redis://:password@host: the default user
        }
        var host = uri.Host.Trim('[', ']');
        return new RedisLocation(host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, database, user, password, uri.Scheme == "rediss");
    }

    /// <summary>The client's settings: fail fast while disconnected, reconnect by itself, short timeouts.</summary>
    public ConfigurationOptions Configuration(int timeoutMs) => new()
    {
        EndPoints = { { Host, Port } },
        DefaultDatabase = Database,
        User = User,
        Password = Password,
        Ssl = Tls,
        ClientName = "twofactor-mock",
        // The first connect must succeed (the caller retries with --store-wait); later losses reconnect by themselves.
        AbortOnConnectFail = true,
        ConnectTimeout = 3000,
        ConnectRetry = 2,
        SyncTimeout = timeoutMs,
        AsyncTimeout = timeoutMs,
        // Timeouts are checked on the heartbeat: a short one keeps "at most 1 s" honest; it also notices a
        // lost connection and reconnects sooner.
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        ReconnectRetryPolicy = new LinearRetry(250),
        // Queueing commands while disconnected would turn a lost Redis into hanging requests.
        BacklogPolicy = BacklogPolicy.FailFast,
    };

    public override string ToString()
    {
        var credentials = User is null && Password is null ? "" : $"{User}{(Password is null ? "" : ":***")}@";
        var host = Host.Contains(':') ? $"[{Host}]" : Host;
        return $"{(Tls ? "rediss" : "redis")}://{credentials}{host}:{Port}/{Database}";
    }

    /// <summary>The value with anything between "//" and "@" after the first ':' replaced: safe in an error message.</summary>
    private static string Masked(string value)
    {
        var start = value.IndexOf("//", StringComparison.Ordinal);
        var at = value.LastIndexOf('@');
        if (start < 0 || at < start) return value;
        var colon = value.IndexOf(':', start + 2);
        return colon < 0 || colon > at ? value : value[..(colon + 1)] + "***" + value[at..];
    }
}
