using YamlDotNet.RepresentationModel;

namespace TwoFactorContracts.Tool.Tests.Docs;

/// <summary>docs/ci/*: real YAML; every tfc command in them exists with those options; docs/ci.md shows each verbatim.</summary>
public sealed class CiRecipeTests
{
    private static IReadOnlyList<string> RecipeFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(TfcInvocations.RepositoryRoot, "docs", "ci"), "*.yml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TfcInvocations.RepositoryRoot, f)).Order()];

    public static TheoryData<string> Recipes() => new(RecipeFiles());

    [Fact]
    public void There_are_recipes_for_github_and_gitlab()
    {
        var recipes = RecipeFiles();
        recipes.Count(r => r.Contains("/github/")).ShouldBe(4);
        recipes.ShouldContain(r => r.EndsWith("gitlab/.gitlab-ci.yml"));
    }

    [Theory]
    [MemberData(nameof(Recipes))]
    public async Task Every_tfc_command_in_a_recipe_exists_with_its_options(string recipe)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(TfcInvocations.RepositoryRoot, recipe));
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text)); // throws on YAML that does not parse
        var scalars = Commands(yaml.Documents.Single().RootNode).ToList();

        var invocations = scalars.SelectMany(TfcInvocations.In).ToList();
        invocations.ShouldNotBeEmpty($"{recipe} runs no tfc command");
        var problems = new List<string>();
        foreach (var args in invocations) problems.AddRange(await TfcInvocations.ProblemsAsync(args));
        problems.ShouldBeEmpty(recipe);
    }

    [Theory]
    [MemberData(nameof(Recipes))]
    public async Task Each_recipe_installs_the_version_we_pack(string recipe)
    {
        var props = await File.ReadAllTextAsync(Path.Combine(TfcInvocations.RepositoryRoot, "build", "Package.props"));
        var version = System.Text.RegularExpressions.Regex.Match(props, "<Version[^>]*>([^<]+)</Version>").Groups[1].Value;
        var text = await File.ReadAllTextAsync(Path.Combine(TfcInvocations.RepositoryRoot, recipe));
        var installs = System.Text.RegularExpressions.Regex.Matches(text, @"dotnet tool install .*TwoFactorContracts\.Tool --version (\S+)");
        installs.ShouldNotBeEmpty(recipe);
        installs.ShouldAllBe(m => m.Groups[1].Value == version);
    }

    [Theory]
    [MemberData(nameof(Recipes))]
    public async Task Docs_ci_md_shows_each_recipe_verbatim(string recipe)
    {
        var markdown = await File.ReadAllTextAsync(Path.Combine(TfcInvocations.RepositoryRoot, "docs", "ci.md"));
        var text = await File.ReadAllTextAsync(Path.Combine(TfcInvocations.RepositoryRoot, recipe));
        markdown.ShouldContain("```yaml\n" + text + "```");
    }

    [Fact]
    public async Task The_checker_catches_an_unknown_option_and_command()
    {
        (await TfcInvocations.ProblemsAsync(["verify", "--target", "x", "--profle", "today"])).ShouldBe(["`tfc verify` has no option --profle"]);
        (await TfcInvocations.ProblemsAsync(["serve"])).ShouldBe(["`tfc serve`: no such command"]);
        TfcInvocations.In("echo x && .tools/tfc diff a.yaml b.yaml --allow-major-bump > out.txt").Single()
            .ShouldBe(["diff", "a.yaml", "b.yaml", "--allow-major-bump"]);
    }

    /// <summary>The shell a recipe runs: GitHub's run:, GitLab's script:, before_script:, after_script:.</summary>
    private static IEnumerable<string> Commands(YamlNode node, bool shell = false) => node switch
    {
        YamlScalarNode scalar when shell => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.SelectMany(c => Commands(c, shell)),
        YamlMappingNode mapping => mapping.Children.SelectMany(p =>
            Commands(p.Value, shell || p.Key is YamlScalarNode { Value: "run" or "script" or "before_script" or "after_script" })),
        _ => [],
    };
}
