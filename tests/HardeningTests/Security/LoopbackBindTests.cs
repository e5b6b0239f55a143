using System.Globalization;
using TwoFactorContracts.HardeningTests.Support;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.HardeningTests.Security;

/// <summary>By default the mock listens on loopback only: proven from the kernel's socket table, not from its own words.</summary>
public sealed class LoopbackBindTests
{
    [Fact]
    public void The_defaults_name_loopback()
    {
        new MockServerOptions().Host.ShouldBe("127.0.0.1");
        CommandLine.Parse([], _ => null)!.Host.ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task A_default_host_listens_on_127_0_0_1_only()
    {
        await using var mock = await QuietMock.StartAsync();
        var port = mock.Host.BaseUrl.Port;
        var listeners = Listeners(port);
        listeners.ShouldNotBeEmpty($"no listening socket found for port {port} in /proc/net/tcp*");
        listeners.ShouldAllBe(address => address == "127.0.0.1", $"listening on {string.Join(", ", listeners)}");
    }

    /// <summary>Local addresses of the sockets listening on a port (state 0A in /proc/net/tcp and tcp6).</summary>
    internal static List<string> Listeners(int port)
    {
        var found = new List<string>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4 || fields[3] != "0A") continue;
                var local = fields[1].Split(':');
                if (int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port) continue;
                found.Add(Address(local[0]));
            }
        }
        return found;
    }

    private static string Address(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        // /proc/net prints each 32-bit word in host (little-endian) order.
        for (var i = 0; i < bytes.Length; i += 4) Array.Reverse(bytes, i, 4);
        var address = new System.Net.IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
    }
}

/// <summary>The same through ./run-mock.sh with no --host: what a user starts binds loopback only.</summary>
[Collection(RunMockCollection.Name)]
public sealed class RunMockLoopbackTests
{
    [Fact]
    public async Task Run_mock_sh_listens_on_127_0_0_1_only_by_default()
    {
        await using var mock = await TwoFactorMockProcess.StartAsync();
        mock.BaseUrl.Host.ShouldBe("127.0.0.1");
        var listeners = LoopbackBindTests.Listeners(mock.BaseUrl.Port);
        listeners.ShouldNotBeEmpty();
        listeners.ShouldAllBe(address => address == "127.0.0.1", $"listening on {string.Join(", ", listeners)}");
    }
}
