using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using System.Xml.Linq;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>Everything a check may look at: the operation, the exchange, what was expected, the mode, the target profile.</summary>
public sealed class CheckContext(ContractOperation operation, Exchange exchange, Expectation expected, ConformanceMode mode, TargetProfile? profile = null)
{
    private (JsonNode? Node, string? Problem)? _values;
    private (string Body, Deviation? Root)? _body;

    public ContractOperation Operation { get; } = operation;

    public Exchange Exchange { get; } = exchange;

    public Expectation Expected { get; } = expected;

    public ConformanceMode Mode { get; } = mode;

    /// <summary>What the target is known to do differently (the seed profile: nothing).</summary>
    public TargetProfile Profile { get; } = profile ?? TargetProfile.None;

    /// <summary>
    /// The body the checks judge: the answer's, except that an XML root the profile accepts instead of the
    /// contract's (today's &lt;ApplicationResponses&gt;) is read as the contract's one; <see cref="AcceptedRoot"/> says so.
    /// </summary>
    public string Body => (_body ??= NormaliseRoot()).Body;

    /// <summary>The profile entry whose XML root alternative this answer used, if any.</summary>
    public Deviation? AcceptedRoot => (_body ??= NormaliseRoot()).Root;

    private (string, Deviation?) NormaliseRoot()
    {
        var body = Exchange.Body;
        if (Expected.Format != BodyFormat.Xml || string.IsNullOrWhiteSpace(body) || Schema is not { XmlRootNames.Count: > 0 } schema)
            return (body, null);
        var accepting = Profile.Deviations.Where(d => d.XmlRoot is { } x && x.Covers(Operation.OperationId)).ToList();
        if (accepting.Count == 0) return (body, null);
        // Only a document the contract's reader would take (ContractSchema reads XML the same bounded way).
        if (XmlRead.Document(body) is not { Root: { } root } document) return (body, null);
        if (schema.XmlRootNames.Contains(root.Name.LocalName)) return (body, null);
        if (accepting.FirstOrDefault(d => d.XmlRoot!.Accept.Contains(root.Name.LocalName)) is not { } deviation) return (body, null);
        // Renames are keyed by the target's own names (parent/child), so read them all before renaming any.
        var named = root.Descendants().Select(e => (Element: e, Name: e.Name.LocalName, Parent: e.Parent?.Name.LocalName)).ToList();
        root.Name = schema.XmlRootNames[0];
        foreach (var (element, name, parent) in named)
            if (deviation.XmlRoot!.Rename.TryGetValue($"{parent}/{name}", out var renamed) || deviation.XmlRoot.Rename.TryGetValue(name, out renamed))
                element.Name = renamed;
        return (document.ToString(SaveOptions.DisableFormatting), deviation);
    }

    /// <summary>The status whose schema judges the body: the received one when documented, else the first expected.</summary>
    public int SchemaStatus =>
        Exchange.Status is { } s && Operation.Responses.Any(r => r.Status == s) ? s : Expected.Statuses[0];

    public ContractSchema? Schema
    {
        get
        {
            try { return Operation.ResponseSchema(SchemaStatus, Expected.Format); }
            catch (InvalidOperationException) { return null; }
        }
    }

    /// <summary>The body as JSON values (XML read through the contract's xml names), or why it cannot be read.</summary>
    public (JsonNode? Node, string? Problem) Values => _values ??= ReadValues();

    private (JsonNode?, string?) ReadValues()
    {
        var body = Body;
        if (string.IsNullOrWhiteSpace(body)) return (null, "the body is empty");
        if (Expected.Format == BodyFormat.Xml)
        {
            if (Schema is not { } schema) return (null, $"the contract documents no XML body for {SchemaStatus}");
            try { return (schema.XmlToJson(body), null); }
            catch (FormatException e) { return (null, $"the body cannot be read as the contract's XML: {e.Message}"); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Anything else the reader throws on odd input is the answer's problem, not the run's.
                return (null, $"the body cannot be read as the contract's XML: {e.GetType().Name}: {e.Message}");
            }
        }
        var (node, problem) = JsonRead.Parse(body);
        if (problem is not null) return (null, $"the body is not JSON: {problem}");
        return node is null ? (null, "the body is the JSON literal null") : (node, null);
    }

    public static string Excerpt(string? text, int max = 300) =>
        text is null ? "" : text.Length <= max ? text : text[..max] + $"… ({text.Length} chars)";
}
