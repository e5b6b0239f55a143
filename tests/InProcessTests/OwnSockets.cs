using System.Globalization;
using System.Net.NetworkInformation;

namespace InProcessTests;

/// <summary>
/// The TCP sockets this process listens on. On Linux exactly: the socket inodes among /proc/self/fd that
/// /proc/self/net/tcp and tcp6 list in state LISTEN. Elsewhere: every listener of the machine (less exact).
/// </summary>
public static class OwnSockets
{
    public static IReadOnlyList<string> Listening()
    {
        if (!OperatingSystem.IsLinux())
            return IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Select(e => e.ToString()).ToList();
        var own = new HashSet<string>();
        foreach (var fd in Directory.EnumerateFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                    own.Add(target["socket:[".Length..^1]);
            }
            catch (IOException) { } // closed while listing
        }
        var listening = new List<string>();
        foreach (var table in new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (columns.Length > 9 && columns[3] == "0A" && own.Contains(columns[9]))
                    listening.Add($"{columns[1]} (port {int.Parse(columns[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)})");
            }
        }
        return listening;
    }
}
