using System.Text;
using System.Text.Json;

namespace TwoFactorContracts.Tool.Diff;

/// <summary>The outcome of <c>tfc diff --against-document</c>: a table of every difference and its class, as text, JSON or Markdown.</summary>
public sealed record DocumentGateReport(string ContractFile, string? Version, IReadOnlyList<GateDifference> Differences)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public int Unmarked => Differences.Count(d => d.IsUnmarked);

    /// <summary>How many differences each class has ("marked: ours" counts all decisions together), UNMARKED first.</summary>
    public IEnumerable<(string Class, int Count)> Counts =>
        Differences.GroupBy(d => d.Class.StartsWith("marked: ours", StringComparison.Ordinal) ? "marked: ours" : d.Class)
            .Select(g => (g.Key, g.Count())).OrderBy(c => c.Key != GateDifference.Unmarked).ThenBy(c => c.Key, StringComparer.Ordinal);

    private string Heading => $"{ContractFile} ({Version}) against {string.Join(", ", Differences.Select(d => d.Document).Distinct())}: " +
        $"{Differences.Count} differences, {Unmarked} UNMARKED" +
        string.Concat(Counts.Where(c => c.Class != GateDifference.Unmarked).Select(c => $", {c.Count} {c.Class}"));

    private IEnumerable<GateDifference> Ordered => Differences.OrderBy(d => !d.IsUnmarked);

    public string Render(string format) => format switch
    {
        "json" => JsonSerializer.Serialize(new
        {
            contract = new { file = ContractFile, version = Version },
            unmarked = Unmarked,
            passed = Unmarked == 0,
            counts = Counts.ToDictionary(c => c.Class, c => c.Count),
            differences = Differences.Select(d => new
            {
                document = d.Document, @class = d.Class, d.Change.Rule, location = d.Change.Location.ToString(), d.Change.Detail,
            }),
        }, Json) + "\n",
        "markdown" => Markdown(),
        _ => Text(),
    };

    private string Text()
    {
        var text = new StringBuilder().AppendLine(Heading);
        foreach (var d in Ordered)
            text.AppendLine($"{d.Class,-40} {d.Change.Rule,-25} {d.Change.Location}: {d.Change.Detail}");
        return text.ToString();
    }

    private string Markdown()
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
        var md = new StringBuilder().AppendLine($"### The document gate: {Unmarked} unmarked").AppendLine().AppendLine(Heading).AppendLine()
            .AppendLine("| class | rule | where | difference |").AppendLine("|---|---|---|---|");
        foreach (var d in Ordered)
            md.AppendLine($"| {(d.IsUnmarked ? "**UNMARKED**" : d.Class)} | `{d.Change.Rule}` | {Cell(d.Change.Location.ToString())} | {Cell(d.Change.Detail)} |");
        return md.ToString();
    }
}
