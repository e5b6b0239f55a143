using System.Globalization;

namespace TwoFactorContracts.Aspire.Hosting;

/// <summary>
/// A Redis resource's connection string (StackExchange.Redis's form, what Aspire hands out:
/// <c>host:port,password=…,ssl=true</c>) as the mock's <c>--store</c> URL (<c>redis://[user:password@]host:port[/db]</c>,
/// <c>rediss://</c> for TLS). A value that already is such a URL is kept.
/// </summary>
internal static class RedisConnection
{
    public static string ToStoreUrl(string connectionString)
    {
        var trimmed = connectionString.Trim();
        if (trimmed.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
            return trimmed;

        string? endpoint = null, user = null, password = null, database = null;
        var tls = false;
        foreach (var part in trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals < 0)
            {
                endpoint ??= part; // the mock talks to one Redis: the first endpoint
                continue;
            }
            var value = part[(equals + 1)..];
            switch (part[..equals].Trim().ToLowerInvariant())
            {
                case "password": password = value; break;
                case "user": user = value; break;
                case "ssl": tls = bool.TryParse(value, out var on) && on; break;
                case "defaultdatabase": database = int.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture); break;
            }
        }
        if (endpoint is null) throw new ArgumentException("The Redis connection string names no host:port.", nameof(connectionString));

        var credentials = password is null && user is null ? "" : $"{Uri.EscapeDataString(user ?? "")}:{Uri.EscapeDataString(password ?? "")}@";
        return $"{(tls ? "rediss" : "redis")}://{credentials}{endpoint}{(database is null ? "" : "/" + database)}";
    }
}
