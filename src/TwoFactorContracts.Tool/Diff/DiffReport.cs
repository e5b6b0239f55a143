using System.Text;
using System.Text.Json;

namespace TwoFactorContracts.Tool.Diff;

/// <summary>The outcome of one <c>tfc diff</c>, and its three renderings: text (a line per change), JSON, Markdown (a PR comment).</summary>
public sealed record DiffReport(string OldFile, string? OldVersion, string NewFile, string? NewVersion, IReadOnlyList<Change> Changes, bool MajorRaised, bool AllowMajorBump)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The formats --format accepts.</summary>
    public static readonly IReadOnlyList<string> Formats = ["text", "json", "markdown"];

    /// <summary>How many changes break clients.</summary>
    public int Breaking => Changes.Count(c => c.Breaking);

    /// <summary>Whether the gate fails: a breaking change, unless allowed by a raised major version.</summary>
    public bool Fails => Breaking > 0 && !(AllowMajorBump && MajorRaised);

    private string Heading => $"{OldFile} ({OldVersion}) -> {NewFile} ({NewVersion}): {Breaking} breaking, {Changes.Count - Breaking} non-breaking";

    private string? Verdict => Breaking == 0 ? null
        : !Fails ? "Allowed: info.version's major number was raised."
        : AllowMajorBump ? $"Not allowed: breaking changes need info.version's major number raised (it is {OldVersion} -> {NewVersion})."
        : null;

    /// <summary>The report in <paramref name="format"/> (one of <see cref="Formats"/>).</summary>
    public string Render(string format) => format switch
    {
        "json" => RenderJson(),
        "markdown" => RenderMarkdown(),
        _ => RenderText(),
    };

    private IEnumerable<Change> Ordered => Changes.OrderByDescending(c => c.Breaking);

    private string RenderText()
    {
        var text = new StringBuilder().AppendLine(Heading);
        foreach (var change in Ordered)
            text.AppendLine($"{(change.Breaking ? "BREAKING" : "non-breaking"),-13} {change.Rule,-25} {change.Location}: {change.Detail}");
        if (Verdict is { } verdict) text.AppendLine(verdict);
        return text.ToString();
    }

    private string RenderJson() => JsonSerializer.Serialize(new
    {
        old = new { file = OldFile, version = OldVersion },
        @new = new { file = NewFile, version = NewVersion },
        breaking = Breaking,
        nonBreaking = Changes.Count - Breaking,
        majorRaised = MajorRaised,
        passed = !Fails,
        changes = Changes.Select(c => new
        {
            c.Rule, c.Breaking, location = c.Location.ToString(),
            c.Location.Operation, c.Location.Part, c.Location.Field, c.Detail,
        }),
    }, Json) + "\n";

    private string RenderMarkdown()
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
        var md = new StringBuilder()
            .AppendLine($"### Contract changes: {Breaking} breaking, {Changes.Count - Breaking} non-breaking")
            .AppendLine()
            .AppendLine($"`{OldFile}` ({OldVersion}) → `{NewFile}` ({NewVersion})")
            .AppendLine();
        if (Changes.Count > 0)
        {
            md.AppendLine("| | rule | operation | where | field | change |").AppendLine("|---|---|---|---|---|---|");
            foreach (var c in Ordered)
                md.AppendLine($"| {(c.Breaking ? "**breaking**" : "non-breaking")} | `{c.Rule}` | {Cell(c.Location.Operation)} | {Cell(c.Location.Part)} | {Cell(c.Location.Field)} | {Cell(c.Detail)} |");
            md.AppendLine();
        }
        if (Verdict is { } verdict) md.AppendLine(verdict);
        return md.ToString();
    }
}
