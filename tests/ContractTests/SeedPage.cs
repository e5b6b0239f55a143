using System.Text.Json.Nodes;

namespace TwoFactorContracts.ContractTests;

/// <summary>The example bodies of the seed page, cut out of its text: JSON and XML blocks that start a line.</summary>
public static class SeedPage
{
    public static string Text { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "2fa-application-setup.txt"));

    public static IReadOnlyList<JsonNode> JsonBlocks { get; } = ReadJsonBlocks();

    public static IReadOnlyList<string> XmlBlocks { get; } = ReadXmlBlocks();

    private static List<JsonNode> ReadJsonBlocks()
    {
        var blocks = new List<JsonNode>();
        var lines = Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = lines[i].TrimEnd();
            if (open is not ("{" or "[")) continue;
            var close = open == "{" ? "}" : "]";
            var end = Array.FindIndex(lines, i + 1, l => l.TrimEnd() == close);
            blocks.Add(JsonNode.Parse(string.Join('\n', lines[i..(end + 1)]))!);
            i = end;
        }
        return blocks;
    }

    private static List<string> ReadXmlBlocks()
    {
        var blocks = new List<string>();
        var lines = Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("<?xml", StringComparison.Ordinal)) continue;
            var root = lines[i + 1].Trim().TrimStart('<').TrimEnd('>');
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == $"</{root}>");
            blocks.Add(string.Join('\n', lines[i..(end + 1)]));
            i = end;
        }
        return blocks;
    }
}
