using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.MockServer.Frontend.Docs;

/// <summary>
/// The contract file the mock was built from (copied beside the assembly by TwoFactorContracts.Contract), served
/// with the mock itself listed first under <c>servers</c>: Swagger UI's "Try it out" and its curl snippets then
/// name the mock's own URL (as the browser reached it), not production. Otherwise byte for byte the contract.
/// </summary>
public sealed partial class ContractFile
{
    public const string ContentType = "application/yaml; charset=utf-8";

    /// <summary>Distinct Host headers remembered; beyond it a file is rendered per request (a client cannot grow memory).</summary>
    private const int MaxCachedOrigins = 16;

    private readonly byte[] _contract;
    private readonly ConcurrentDictionary<string, StaticAsset> _byOrigin = new(StringComparer.Ordinal);

    private ContractFile(byte[] contract) => _contract = contract;

    public static ContractFile Read(string path) =>
        File.Exists(path)
            ? new ContractFile(File.ReadAllBytes(path))
            : throw new FileNotFoundException($"The contract is not beside the mock at {path}; rebuild the mock.", path);

    public Task WriteAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = $"{request.Scheme}://{request.Host.Value}";
        if (!SafeOrigin().IsMatch(origin)) return new StaticAsset(ContentType, _contract).WriteAsync(context);
        if (!_byOrigin.TryGetValue(origin, out var asset))
        {
            asset = new StaticAsset(ContentType, WithServerFirst(_contract, origin));
            if (_byOrigin.Count < MaxCachedOrigins) _byOrigin.TryAdd(origin, asset);
        }
        return asset.WriteAsync(context);
    }

    /// <summary>The contract with <paramref name="origin"/> as the first entry of its top-level <c>servers</c> list.</summary>
    internal static byte[] WithServerFirst(byte[] contract, string origin)
    {
        var text = Encoding.UTF8.GetString(contract);
        var entry = $"  - url: {origin}\n    description: This mock server (the one serving this page)\n";
        var servers = ServersKey().Match(text);
        text = servers.Success
            ? text.Insert(servers.Index + servers.Length, entry)
            : text.TrimEnd('\n') + "\nservers:\n" + entry;
        return Encoding.UTF8.GetBytes(text);
    }

    [GeneratedRegex(@"^servers:[ \t]*\r?\n", RegexOptions.Multiline)]
    private static partial Regex ServersKey();

    /// <summary>An origin safe to write into YAML unquoted (the Host header comes from the client).</summary>
    [GeneratedRegex(@"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")]
    private static partial Regex SafeOrigin();
}
