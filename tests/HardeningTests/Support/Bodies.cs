using System.Text;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>Request bodies taken from the contract's documented examples, so a contract change flows here.</summary>
public static class Bodies
{
    private static readonly Lazy<ContractDocument> Contract = new(() => ContractDocument.Load());

    public static ContractDocument Document => Contract.Value;

    /// <summary>The documented <c>basic</c> create request in that format.</summary>
    public static string Create(BodyFormat format) =>
        Document.Operation("createApplication").FindRequestExample(ContractOperation.FallbackExample, format)?.Text
        ?? throw new InvalidOperationException($"The contract documents no basic {format} create request.");

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The XML request root element the contract names.</summary>
    public static string XmlRoot => Document.XmlNames.RequestRoot;
}

/// <summary>
/// Proves a rejected request changed nothing: the account's list (JSON body text) is read before and compared after.
/// </summary>
public sealed class StateGuard
{
    private readonly HttpClient _client;
    private readonly string _account;
    private readonly string _before;

    private StateGuard(HttpClient client, string account, string before)
    {
        _client = client;
        _account = account;
        _before = before;
    }

    public static async Task<StateGuard> ReadAsync(HttpClient client, string account)
    {
        var list = await Api.ListAsync(client, account);
        list.Status.ShouldBe(200, $"list before: {list}");
        return new StateGuard(client, account, list.Body);
    }

    public async Task ShouldBeUnchangedAsync(string because)
    {
        var after = await Api.ListAsync(_client, _account);
        after.Status.ShouldBe(200, $"list after {because}: {after}");
        after.Body.ShouldBe(_before, $"the account's applications changed after a rejected request ({because})");
    }
}
