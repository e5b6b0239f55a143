using System.Reflection;

namespace TwoFactorContracts.AspireTests;

/// <summary>docs/dotnet.md shows the sample AppHost (samples/SampleAppHost/Program.cs) exactly as the tests run it.</summary>
public sealed class AspireDocsTests
{
    private static readonly string Root = typeof(AspireDocsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void The_page_shows_the_sample_AppHost_as_it_is_compiled()
    {
        var program = File.ReadAllText(Path.Combine(Root, "samples/SampleAppHost/Program.cs")).ReplaceLineEndings("\n").TrimEnd('\n');
        var page = File.ReadAllText(Path.Combine(Root, "docs/dotnet.md")).ReplaceLineEndings("\n");

        page.ShouldContain("```csharp\n" + program + "\n```", customMessage: "docs/dotnet.md does not show samples/SampleAppHost/Program.cs as it is");
    }
}
