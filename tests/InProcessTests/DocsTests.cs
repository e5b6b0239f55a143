using System.Reflection;
using System.Text.RegularExpressions;

namespace InProcessTests;

/// <summary>docs/dotnet.md shows DocExamples.cs's blocks exactly as they are compiled and run.</summary>
public sealed partial class DocsTests
{
    private static readonly string Root = typeof(DocsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void Every_example_on_the_page_is_the_compiled_one()
    {
        var source = File.ReadAllText(Path.Combine(Root, "tests/InProcessTests/DocExamples.cs")).ReplaceLineEndings("\n");
        var page = File.ReadAllText(Path.Combine(Root, "docs/dotnet.md")).ReplaceLineEndings("\n");
        var blocks = Block().Matches(source);
        blocks.Count.ShouldBeGreaterThanOrEqualTo(6);
        foreach (Match block in blocks)
        {
            var lines = block.Groups["code"].Value.TrimEnd('\n', ' ').Split('\n');
            var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            var code = string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
            page.ShouldContain(code, customMessage: $"docs/dotnet.md does not show the example '{block.Groups["name"].Value}' as DocExamples.cs has it");
        }
    }

    [GeneratedRegex(@"// <doc:(?<name>[\w-]+)>\n(?<code>.*?)\n *// </doc:\k<name>>", RegexOptions.Singleline)]
    private static partial Regex Block();
}
